import { Coalescer, Refused } from './coalescer';

describe('Coalescer: calls made while a batch is in flight go together in the next one', () => {
  it('sends a lone call at once, and the calls that queued behind it as one batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const doubler = new Coalescer<number, number>(async (inputs) => {
      batches.push(inputs);
      if (batches.length === 1) await first;
      return inputs.map((n) => n * 2);
    });
    const answers = [doubler.call(1), doubler.call(2), doubler.call(3)];
    expect(batches).toEqual([[1]]);
    release();
    expect(await Promise.all(answers)).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('fails one call for its Refused answer and every call of a batch that throws', async () => {
    const picky = new Coalescer<number, number>(async (inputs) => {
      if (inputs.includes(0)) throw new Error('zero');
      return inputs.map((n) => (n < 0 ? new Refused(new Error(`negative ${n}`)) : n));
    });
    const [ok, refused] = await Promise.allSettled([picky.call(1), picky.call(-1)]);
    expect(ok).toEqual({ status: 'fulfilled', value: 1 });
    expect(refused).toMatchObject({ status: 'rejected', reason: { message: 'negative -1' } });
    await expect(picky.call(0)).rejects.toThrow('zero');
    expect(await picky.call(5)).toBe(5);
  });

  it('keeps batches within maxBatch', async () => {
    const sizes: number[] = [];
    const small = new Coalescer<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      return inputs;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => small.call(n)));
    expect(sizes).toEqual([1, 2, 2, 1]);
  });
});
