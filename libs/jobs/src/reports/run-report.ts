import type { EventStore, Position } from '@recert/event-store';
import { buildReport } from './report-builders';
import { normaliseRequest, type ReportRequest, type ReportResult } from './report';
import { replayHistory } from './replay';

export interface RunReportOptions {
  /** After each page read: events read so far and the head the replay runs to (progress for the job). */
  onProgress?: (eventsDone: number, head: Position) => void;
  /** Events per `readAll` page (default 10,000). */
  pageSize?: number;
}

/**
 * A report: the whole log replayed from the start (events recorded by `knownAt`, up to the head
 * seen at the start), folded by the domain, then judged by `cycleStatus` as of `asOf`. Pure apart
 * from reading the store: the same history and request give the same result, row for row.
 */
export async function runReport(store: EventStore, request: ReportRequest, options: RunReportOptions = {}): Promise<ReportResult> {
  const parameters = normaliseRequest(request);
  const replay = await replayHistory(store, {
    knownAt: parameters.knownAt,
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.onProgress ? { onProgress: (done: number, head: Position) => options.onProgress?.(done, head) } : {}),
  });
  const body = buildReport(parameters.type, { history: replay.history, asOf: parameters.asOf, cycle: parameters.cycle });
  return {
    type: parameters.type,
    parameters,
    generatedFrom: {
      head: replay.head,
      eventsRead: replay.eventsRead,
      eventsFolded: replay.history.eventsFolded,
      eventsRecordedLater: replay.eventsRecordedLater,
    },
    ...body,
  };
}
