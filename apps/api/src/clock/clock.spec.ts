import { businessDateOf, Clock } from './clock';

describe('the clock', () => {
  it('gives the business date in the body time zone, not UTC (D2.1: the deadline is the end of Dec 31 there)', () => {
    const lateEvening = new Date('2027-01-01T05:30:00Z'); // 22:30 on Dec 31 in Denver
    expect(businessDateOf(lateEvening, 'America/Denver')).toBe('2026-12-31');
    expect(businessDateOf(lateEvening, 'UTC')).toBe('2027-01-01');
  });

  it('is pinned by RECERT_NOW, as a date or an instant', () => {
    expect(new Clock('America/Denver', '2026-12-31').today()).toBe('2026-12-31');
    expect(new Clock('America/Denver', '2027-01-01T06:59:59Z').today()).toBe('2026-12-31');
    expect(new Clock('America/Denver', '2027-01-01T07:00:00Z').today()).toBe('2027-01-01');
  });
});
