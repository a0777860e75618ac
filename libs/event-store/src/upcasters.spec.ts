import { UpcasterRegistry } from './upcasters';

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry()
    .register('Paid', 1, (d) => ({ ...(d as object), currency: 'USD' }))
    .register('Paid', 2, (d) => {
      const { amount, ...rest } = d as { amount: number };
      return { ...rest, amountCents: amount * 100 };
    });

  it('chains steps up to the current version', () => {
    expect(registry.currentVersion('Paid')).toBe(3);
    expect(registry.upcast('Paid', 1, { amount: 2 })).toEqual({
      schemaVersion: 3,
      data: { currency: 'USD', amountCents: 200 },
    });
  });

  it('leaves current and unknown types alone', () => {
    const data = { amountCents: 1 };
    expect(registry.upcast('Paid', 3, data).data).toBe(data);
    expect(registry.currentVersion('Other')).toBe(1);
  });

  it('refuses a gap in the chain', () => {
    const gappy = new UpcasterRegistry().register('X', 2, (d) => d);
    expect(() => gappy.upcast('X', 1, {})).toThrow('No upcaster for X from schema version 1 to 2.');
  });
});
