import type { Position } from '@recert/event-store';

/**
 * Orders positions the commit-safe way: by (txId, globalPosition), both unsigned decimal integers
 * as PostgreSQL prints them (no sign, no leading zeros, up to 2^64). Compared as digit strings,
 * the longer one is the larger and equal lengths compare like text: exact past 2^53, and without
 * the BigInt allocations that made this a hot spot of every batch (it runs once per event read).
 */
export function comparePositions(a: Position, b: Position): number {
  return compareDecimals(a.txId, b.txId) || compareDecimals(a.globalPosition, b.globalPosition);
}

export function samePosition(a: Position, b: Position): boolean {
  return a.txId === b.txId && a.globalPosition === b.globalPosition;
}

function compareDecimals(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
