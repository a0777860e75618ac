import type { BusinessDate, CycleName } from '../shared/types';

/** Stream `cycle-admin-<cycle>`: the cycle's own milestones and its audit draws. */
export const cycleAdminStream = (cycle: CycleName) => `cycle-admin-${cycle}`;

export type CycleOpened = { type: 'CycleOpened'; data: { cycle: CycleName; policyVersion: number; openedOn: BusinessDate } };
/** D2.3: the deadline has passed; certificants not complete move to late reporting. */
export type CycleClosed = { type: 'CycleClosed'; data: { cycle: CycleName; closedOn: BusinessDate } };
/** D2.4: the late window is over; the not complete expire. */
export type GracePeriodEnded = { type: 'GracePeriodEnded'; data: { cycle: CycleName; endedOn: BusinessDate } };

/**
 * D5.1: everything needed to show the same draw again: the seed, the population exactly as
 * drawn from (sorted ids), the size asked for, and the selection.
 */
export type AuditDrawMade = {
  type: 'AuditDrawMade';
  data: {
    drawId: string;
    cycle: CycleName;
    seed: string;
    population: string[];
    rate: number | null;
    count: number;
    selected: { certificantId: string; auditId: string }[];
    algorithm: 'fnv1a-mulberry32-fisher-yates/1';
    drawnOn: BusinessDate;
    drawnBy: string;
  };
};

export type CycleAdminEvent = CycleOpened | CycleClosed | GracePeriodEnded | AuditDrawMade;

export const CYCLE_ADMIN_EVENT_VERSIONS: Record<CycleAdminEvent['type'], number> = {
  CycleOpened: 1,
  CycleClosed: 1,
  GracePeriodEnded: 1,
  AuditDrawMade: 1,
};
