import { createHash } from 'node:crypto';

/** Namespace for Recert's idempotency ids (a fixed random v4 uuid; never change it). */
export const IDEMPOTENCY_NAMESPACE = '5b0c7d3e-2f4a-4c61-9d8e-7a1b3c5d9e20';

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`Not a uuid: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

/** RFC 9562 version 5 (SHA-1, name-based) uuid. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.toString('hex', 0, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The id of the `index`-th event appended under an idempotency key. */
export function idempotentEventId(idempotencyKey: string, index: number): string {
  return uuidV5(`${idempotencyKey}:${index}`, IDEMPOTENCY_NAMESPACE);
}
