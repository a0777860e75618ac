import { idempotentEventId, uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the RFC 9562 example (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('derives stable, distinct ids per key and index', () => {
    expect(idempotentEventId('cmd-1', 0)).toBe(idempotentEventId('cmd-1', 0));
    expect(idempotentEventId('cmd-1', 0)).not.toBe(idempotentEventId('cmd-1', 1));
    expect(idempotentEventId('cmd-1', 0)).not.toBe(idempotentEventId('cmd-2', 0));
    expect(idempotentEventId('cmd-1', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
