import { comparePositions, samePosition } from './position';

describe('comparePositions', () => {
  it('orders by transaction id first, then global position, as numbers not text', () => {
    expect(comparePositions({ txId: '9', globalPosition: '100' }, { txId: '10', globalPosition: '2' })).toBe(-1);
    expect(comparePositions({ txId: '10', globalPosition: '11' }, { txId: '10', globalPosition: '9' })).toBe(1);
    expect(samePosition({ txId: '18446744073709551615', globalPosition: '1' }, { txId: '18446744073709551615', globalPosition: '1' })).toBe(true);
  });
});
