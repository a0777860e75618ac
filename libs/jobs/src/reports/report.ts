import { isBusinessDate, type BusinessDate, type CycleName } from '@recert/domain';
import type { Position } from '@recert/event-store';
import { policyOrNull } from './evaluate';

/** api.md, "Cycles, imports, reports, projections". */
export const REPORT_TYPES = ['cycle-completion', 'ceus-by-category', 'audit-outcomes', 'appeals', 'status-as-of', 'program-statistics'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/**
 * What a report is asked for. The engine reads no clock: the caller (HTTP, CLI) turns the
 * api.md defaults ("both default to now") into values, so a stored request replays identically.
 */
export interface ReportRequest {
  type: ReportType;
  /** Only this cycle; absent: every cycle on record that has begun by `asOf` (`status-as-of`: the cycle of `asOf`). */
  cycle?: CycleName;
  /** The business date the report describes, `YYYY-MM-DD`. */
  asOf: BusinessDate;
  /** Only events recorded by this instant (ISO 8601): what the team knew then. */
  knownAt: string;
}

export type ReportCell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
}

export interface ReportResult {
  type: ReportType;
  /** The request as the engine understood it (`knownAt` normalised to ISO 8601 UTC). */
  parameters: { type: ReportType; cycle: CycleName | null; asOf: BusinessDate; knownAt: string };
  generatedFrom: {
    /** The log's head when the replay began; the replay stops there, so a rerun reads the same events. */
    head: Position;
    eventsRead: number;
    /** Read, recorded by `knownAt` and of a stream a report folds. */
    eventsFolded: number;
    /** Recorded after `knownAt`. */
    eventsRecordedLater: number;
  };
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
  summary: Record<string, ReportCell>;
}

/** A request the engine refuses, with a stable code and a sentence (style.md habit 11). */
export class ReportRequestInvalid extends Error {
  override readonly name = 'ReportRequestInvalid';
  readonly code = 'REPORT_REQUEST_INVALID';
  constructor(message: string) {
    super(message);
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a request and normalises `knownAt` to the store's own `recordedAt` format
 * (`toISOString`, fixed width, UTC), so the per-event filter is a plain string comparison.
 */
export function normaliseRequest(request: ReportRequest): ReportResult['parameters'] {
  if (!(REPORT_TYPES as readonly string[]).includes(request.type)) {
    throw new ReportRequestInvalid(`"${String(request.type)}" is not a report type; the types are ${REPORT_TYPES.join(', ')}.`);
  }
  if (!isBusinessDate(request.asOf)) throw new ReportRequestInvalid(`asOf must be a date written YYYY-MM-DD; "${String(request.asOf)}" is not.`);
  // A date alone is refused: which instant of which time zone it means is the caller's choice.
  const knownAt = typeof request.knownAt === 'string' && INSTANT.test(request.knownAt) ? new Date(request.knownAt) : null;
  if (knownAt === null || Number.isNaN(knownAt.getTime())) {
    throw new ReportRequestInvalid(`knownAt must be an instant in ISO 8601 with its offset (e.g. 2026-11-24T17:00:00Z); "${String(request.knownAt)}" is not.`);
  }
  if (request.cycle !== undefined && policyOrNull(request.cycle) === null) {
    throw new ReportRequestInvalid(`There is no ${request.cycle} cycle policy, so nothing can be reported for it.`);
  }
  return { type: request.type, cycle: request.cycle ?? null, asOf: request.asOf, knownAt: knownAt.toISOString() };
}
