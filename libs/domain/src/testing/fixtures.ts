import type { DecisionContext } from '../shared/decider';

/** A staff member at work on a winter day of the 2024-2026 cycle. */
export const staffContext: DecisionContext = {
  today: '2025-03-01',
  now: '2025-03-01T17:00:00.000Z',
  actor: { id: 'staff-1', role: 'staff' },
};

/** Deterministic ids for tests: `prefix-1`, `prefix-2`, ... */
export function sequentialIds(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
