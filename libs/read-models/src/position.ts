import type { Position } from '@recert/event-store';

/** Orders positions the commit-safe way: by (txId, globalPosition), both decimal bigints. */
export function comparePositions(a: Position, b: Position): number {
  const tx = BigInt(a.txId) - BigInt(b.txId);
  if (tx !== 0n) return tx < 0n ? -1 : 1;
  const gp = BigInt(a.globalPosition) - BigInt(b.globalPosition);
  return gp === 0n ? 0 : gp < 0n ? -1 : 1;
}

export function samePosition(a: Position, b: Position): boolean {
  return comparePositions(a, b) === 0;
}
