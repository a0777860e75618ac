import fc from 'fast-check';
import { drawSample, drawSize, selectedOnFeePaid } from './audit-draw';
import type { AuditDrawMade } from './events';
import { adminContext, expectCycleAdmin } from './fixtures';

const population = ['c-05', 'c-01', 'c-04', 'c-02', 'c-03', 'c-02'];
const draw = { type: 'DrawAudit' as const, cycle: '2018-2020', drawId: 'd-1', seed: 'spring-2021', population, count: 2 };

describe('DrawAudit', () => {
  it('D5.1 records the seed, the sorted population and the selection', () => {
    const [made] = expectCycleAdmin.given([]).when(draw).events() as AuditDrawMade[];
    expect(made!.data).toMatchObject({
      drawId: 'd-1',
      seed: 'spring-2021',
      population: ['c-01', 'c-02', 'c-03', 'c-04', 'c-05'],
      count: 2,
      rate: null,
      drawnOn: '2021-02-15',
    });
    expect(made!.data.selected.map((s) => s.certificantId)).toEqual(drawSample('spring-2021', population, 2));
    expect(made!.data.selected[0]!.auditId).toBe(`d-1-${made!.data.selected[0]!.certificantId}`);
  });

  it('D5.1 refuses a draw before the deadline when the policy draws after it', () => {
    expectCycleAdmin.given([]).when(draw, { today: '2020-12-31' }).thenThrows('AUDIT_DRAW_BEFORE_DEADLINE');
  });

  it('refuses a rate outside (0, 1]', () => {
    expectCycleAdmin.given([]).when({ ...draw, count: undefined, rate: 1.5 }).thenThrows('AUDIT_DRAW_SIZE_INVALID');
  });

  it('refuses a draw without a seed', () => {
    expectCycleAdmin.given([]).when({ ...draw, seed: '' }).thenThrows('AUDIT_DRAW_SEED_REQUIRED');
  });

  it('changes nothing when the same draw is asked again (idempotent by draw id)', () => {
    const made = expectCycleAdmin.given([]).when(draw).events();
    expectCycleAdmin.given(made).when(draw).thenNothing();
  });

  it('D5.1 draws the policy rate, rounded up, when no size is given', () => {
    const [made] = expectCycleAdmin.given([]).when({ ...draw, count: undefined }, adminContext).events() as AuditDrawMade[];
    expect(made!.data.rate).toBe(0.05);
    expect(made!.data.count).toBe(1);
  });
});

describe('audit draw properties', () => {
  const ids = fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 60 });

  it('D5.1 the same seed and the same population give the same selection, in any input order', () => {
    fc.assert(
      fc.property(fc.string(), ids, fc.nat({ max: 60 }), (seed, people, count) => {
        const shuffled = [...people].reverse();
        expect(drawSample(seed, shuffled, count)).toEqual(drawSample(seed, people, count));
      }),
    );
  });

  it('D5.1 a draw selects distinct members of the population, as many as asked for', () => {
    fc.assert(
      fc.property(fc.string(), ids, fc.nat({ max: 60 }), (seed, people, count) => {
        const selected = drawSample(seed, people, count);
        expect(selected).toHaveLength(Math.min(count, people.length));
        expect(new Set(selected).size).toBe(selected.length);
        expect(selected.every((id) => people.includes(id))).toBe(true);
      }),
    );
  });

  it('D5.1 the selection is pinned: this seed drew these people, and always will', () => {
    expect(drawSample('spring-2021', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 3)).toEqual(PINNED);
  });

  it('D5.2 a rate gives at least one of a non-empty population and never more than all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.0001, max: 1, noNaN: true }), (n, rate) => {
        const size = drawSize(n, rate);
        expect(size).toBeGreaterThanOrEqual(1);
        expect(size).toBeLessThanOrEqual(n);
      }),
    );
  });

  it('D5.2 selection on fee paid is decided by its seed alone', () => {
    fc.assert(fc.property(fc.string(), (seed) => expect(selectedOnFeePaid(seed, 0.3)).toBe(selectedOnFeePaid(seed, 0.3))));
    expect(selectedOnFeePaid('x', 1)).toBe(true);
    expect(selectedOnFeePaid('x', 0)).toBe(false);
  });
});

const PINNED = ['f', 'a', 'g'];
