import { expectAppeal, filed } from './fixtures';

const file = {
  type: 'FileAppeal' as const,
  appealId: 'ap-1',
  certificantId: 'c-1',
  cycle: '2018-2020',
  certification: 'CSCS',
  grounds: 'illness',
  statement: 'Hospitalised from October to January.',
  appealedDecision: { kind: 'audit' as const, reference: 'au-1', decidedBy: 'auditor-1' },
  filedOn: '2021-02-10',
};

describe('FileAppeal', () => {
  it('D6.1 D6.2 an appeal on hardship grounds is filed inside the window', () => {
    expectAppeal.given([]).when(file).then([filed]);
  });

  it('D6.2 appeals are accepted from February 1 to March 15 after the deadline', () => {
    expectAppeal.given([]).when({ ...file, filedOn: '2021-03-16' }).thenThrows('APPEAL_OUTSIDE_WINDOW');
    expectAppeal.given([]).when({ ...file, filedOn: '2021-01-31' }).thenThrows('APPEAL_OUTSIDE_WINDOW');
    expect(expectAppeal.given([]).when({ ...file, filedOn: '2021-03-15' }).events()).toHaveLength(1);
  });

  it('D6.2 an accommodation request must reach the team before the cycle ends', () => {
    const request = { ...file, kind: 'accommodation' as const, grounds: 'military', appealedDecision: undefined };
    expect(expectAppeal.given([]).when({ ...request, filedOn: '2020-11-01' }).events()).toHaveLength(1);
    expectAppeal.given([]).when({ ...request, filedOn: '2021-01-05' }).thenThrows('ACCOMMODATION_REQUEST_TOO_LATE');
  });

  it('D6.2 no extension in advance for hardships other than the accommodation grounds', () => {
    expectAppeal
      .given([])
      .when({ ...file, kind: 'accommodation', filedOn: '2020-11-01' })
      .thenThrows('ACCOMMODATION_GROUNDS_NOT_ACCEPTED');
  });

  it('D6.1 refuses grounds that are not a hardship on the list', () => {
    expectAppeal.given([]).when({ ...file, grounds: 'busy' }).thenThrows('APPEAL_GROUNDS_UNKNOWN');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectAppeal.given([filed]).when(file).thenNothing();
  });
});
