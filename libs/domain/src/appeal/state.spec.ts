import { fold } from '../shared/decider';
import { appealDecider } from './decider';
import { decided, filed } from './fixtures';

describe('appeal state', () => {
  // Console gap 1: GET /appeals/:appealId answers from this state, so what was filed must survive the fold.
  it('D6.2 keeps the grounds, statement, kind and filing date of the appeal as filed', () => {
    const state = fold(appealDecider, [filed]);
    expect(state).toMatchObject({
      status: 'filed',
      kind: 'appeal',
      grounds: 'illness',
      statement: 'Hospitalised from October to January.',
      filedOn: '2021-02-10',
    });
  });

  it('D6.3 keeps them after the decision', () => {
    const state = fold(appealDecider, [filed, decided({ decision: 'denied', remedy: null })]);
    expect(state).toMatchObject({ status: 'denied', grounds: 'illness', statement: 'Hospitalised from October to January.', filedOn: '2021-02-10' });
  });

  it('has none of them before filing', () => {
    expect(appealDecider.initialState).toMatchObject({ kind: null, grounds: null, statement: null, filedOn: null });
  });
});
