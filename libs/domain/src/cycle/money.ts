import type { Cents } from '../shared/types';

/** `6500` -> `$65.00`, the way staff read amounts in sentences. */
export function formatCents(cents: Cents): string {
  return `$${(cents / 100).toFixed(2)}`;
}
