import fc from 'fast-check';
import { replay, runLive } from '../testing/given-when-then';
import type { AppealCommand } from './commands';
import { appealDecider } from './decider';
import { expectAppeal, committeeContext, decided, filed } from './fixtures';

const grant = {
  type: 'DecideAppeal' as const,
  appealId: 'ap-1',
  decision: 'granted' as const,
  remedy: { kind: 'extension' as const, until: '2021-06-30' },
  rationale: 'Hospital records cover the last quarter of the cycle.',
  decidedOn: '2021-04-20',
};

describe('DecideAppeal', () => {
  it('D6.3 a granted appeal gives an extension to a date, with its rationale', () => {
    expectAppeal.given([filed]).when(grant).then([decided()]);
  });

  it('D6.3 a denied appeal gives no remedy', () => {
    expectAppeal
      .given([filed])
      .when({ ...grant, decision: 'denied', remedy: undefined, rationale: 'No hardship documented.' })
      .then([decided({ decision: 'denied', remedy: null, rationale: 'No hardship documented.' })]);
    expectAppeal.given([filed]).when({ ...grant, decision: 'denied' }).thenThrows('APPEAL_REMEDY_NOT_ALLOWED');
  });

  it('D6.4 the auditor who closed the audit cannot decide the appeal against it', () => {
    expectAppeal.given([filed]).when(grant, { actor: { id: 'auditor-1', role: 'committee' } }).thenThrows('APPEAL_DECIDER_NOT_IMPARTIAL');
  });

  it('D6.3 the decision is recorded with its rationale', () => {
    expectAppeal.given([filed]).when({ ...grant, rationale: '  ' }).thenThrows('APPEAL_RATIONALE_REQUIRED');
  });

  it('D6.3 a granted appeal needs a remedy', () => {
    expectAppeal.given([filed]).when({ ...grant, remedy: undefined }).thenThrows('APPEAL_REMEDY_REQUIRED');
  });

  it('changes nothing when repeated; another decision is refused', () => {
    expectAppeal.given([filed, decided()]).when(grant).thenNothing();
    expectAppeal.given([filed, decided()]).when({ ...grant, remedy: { kind: 'reinstatement' } }).thenThrows('APPEAL_ALREADY_DECIDED');
  });
});

describe('appeal replay', () => {
  const command: fc.Arbitrary<AppealCommand> = fc.oneof(
    fc.constant<AppealCommand>({ type: 'FileAppeal', appealId: 'ap-1', certificantId: 'c-1', cycle: '2018-2020', certification: 'CSCS', grounds: 'covid', statement: 's' }),
    fc.constantFrom('r-1', 'r-2').map<AppealCommand>((reference) => ({ type: 'ReceiveAppealDocument', appealId: 'ap-1', kind: 'k', reference })),
    fc.constantFrom<AppealCommand>(grant, { ...grant, decision: 'denied', remedy: undefined }, { ...grant, remedy: { kind: 'reinstatement' } }),
  );
  it('folding the recorded events again gives the live state', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 10 }), (commands) => {
        const live = runLive(appealDecider, commands, committeeContext);
        expect(replay(appealDecider, live.events)).toEqual(live.state);
      }),
      { numRuns: 200 },
    );
  });
});
