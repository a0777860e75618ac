import { comparePositions, samePosition } from './position';

describe('comparePositions', () => {
  it('orders by transaction id first, then global position, as numbers not text', () => {
    expect(comparePositions({ txId: '9', globalPosition: '100' }, { txId: '10', globalPosition: '2' })).toBe(-1);
    expect(comparePositions({ txId: '10', globalPosition: '11' }, { txId: '10', globalPosition: '9' })).toBe(1);
    expect(comparePositions({ txId: '10', globalPosition: '9' }, { txId: '10', globalPosition: '9' })).toBe(0);
    expect(samePosition({ txId: '18446744073709551615', globalPosition: '1' }, { txId: '18446744073709551615', globalPosition: '1' })).toBe(true);
  });

  it('stays exact past 2^53, where numbers would round two positions together', () => {
    // 2^53 + 1 and 2^53 are the same JavaScript number.
    expect(comparePositions({ txId: '9007199254740993', globalPosition: '1' }, { txId: '9007199254740992', globalPosition: '1' })).toBe(1);
    expect(comparePositions({ txId: '18446744073709551614', globalPosition: '1' }, { txId: '18446744073709551615', globalPosition: '1' })).toBe(-1);
  });

  it('agrees with BigInt ordering on random pairs of any length', () => {
    const random = (): string => String(BigInt(Math.floor(Math.random() * 1e9)) ** BigInt(1 + Math.floor(Math.random() * 2)));
    for (let i = 0; i < 1_000; i++) {
      const a = { txId: random(), globalPosition: random() };
      const b = { txId: Math.random() < 0.3 ? a.txId : random(), globalPosition: random() };
      const tx = BigInt(a.txId) - BigInt(b.txId);
      const gp = BigInt(a.globalPosition) - BigInt(b.globalPosition);
      const expected = tx !== 0n ? Math.sign(Number(tx)) : Math.sign(Number(gp));
      expect(comparePositions(a, b)).toBe(expected);
    }
  });
});
