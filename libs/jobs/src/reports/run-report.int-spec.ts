import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@recert/event-store';
import { Pool } from 'pg';
import { reportToCsv } from './csv';
import { HistoryWriter } from './history-writer.fixtures';
import type { ReportRequest, ReportResult } from './report';
import { runReport } from './run-report';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CYCLE = '2024-2026';
const LONG_AGO = '2015-03-01';

const event = (activityDate: string, hours: number, title: string) => ({ activityType: 'event-attendance', activityDate, title, hours });
const firstAid = (activityDate: string) => ({ activityType: 'first-aid', activityDate, title: 'First Aid recertification' });

/**
 * A small history of the 2024-2026 cycle, written in two batches by the domain's deciders:
 * - c1 complete: 5.5 CEUs of category A (2.0 + 2.0 + 1.5) and 0.5 of C, fee paid; a duplicate
 *   report withdrawn.
 * - c2 short: 1.0 of A. The second batch (recorded after `knownAt`) completes it.
 * - c3 complete, selected for audit, the audit closed unanswered after its window: failed.
 * - c4 complete, selected for audit, passed.
 * - appeals: c2 (illness) pending, c3 (military) denied.
 */
function firstBatch(writer: HistoryWriter): void {
  writer.register('c1', { on: '2024-01-05', memberId: 'M-1', certifications: [{ certification: 'CSCS', earnedOn: LONG_AGO }] });
  writer.register('c2', { on: '2024-01-05', certifications: [{ certification: 'CSCS', earnedOn: LONG_AGO }] });
  writer.register('c3', { on: '2024-01-05', certifications: [{ certification: 'NSCA-CPT', earnedOn: LONG_AGO }] });
  writer.register('c4', { on: '2024-01-05', certifications: [{ certification: 'CSCS', earnedOn: LONG_AGO }] });
  for (const id of ['c1', 'c3', 'c4']) {
    writer.report(id, CYCLE, `${id}-a1`, event('2024-03-01', 20, 'Coaching clinic, "spring"'), '2024-03-02');
    writer.report(id, CYCLE, `${id}-a2`, event('2025-03-01', 20, 'Coaching clinic 2025'), '2025-03-02');
    writer.report(id, CYCLE, `${id}-a3`, event('2025-09-01', 15, 'Strength summit'), '2025-09-02');
    writer.report(id, CYCLE, `${id}-a4`, firstAid('2025-10-01'), '2025-10-02');
    writer.payRecertificationFee(id, CYCLE, id === 'c3' ? 'NSCA-CPT' : 'CSCS', `${id}-fee`, '2026-01-10');
  }
  writer.report('c1', CYCLE, 'c1-dup', event('2025-11-01', 10, 'Reported twice'), '2025-11-02');
  writer.withdraw('c1', CYCLE, 'c1-dup', '2025-11-03');
  writer.report('c2', CYCLE, 'c2-a1', event('2024-05-01', 10, 'Webinar'), '2024-05-02');
  writer.selectForAudit('au-3', 'c3', CYCLE, '2026-02-01');
  writer.closeAudit('au-3', '2026-04-01'); // respondBy 2026-03-18, nothing received: failed (D5.4)
  writer.selectForAudit('au-4', 'c4', CYCLE, '2026-02-01');
  writer.closeAudit('au-4', '2026-02-20');
  writer.fileAppeal('ap-2', 'c2', CYCLE, 'illness', '2027-02-05', 'CSCS');
  writer.fileAppeal('ap-3', 'c3', CYCLE, 'military', '2027-02-06', 'NSCA-CPT');
  writer.decideAppeal('ap-3', 'denied', '2027-03-01');
}

function secondBatch(writer: HistoryWriter): void {
  writer.report('c2', CYCLE, 'c2-a2', event('2026-04-01', 20, 'Conference day 1'), '2026-04-05');
  writer.report('c2', CYCLE, 'c2-a3', event('2026-04-02', 20, 'Conference day 2'), '2026-04-05');
  writer.report('c2', CYCLE, 'c2-a4', event('2026-04-03', 5, 'Conference day 3'), '2026-04-05');
  writer.report('c2', CYCLE, 'c2-a5', firstAid('2026-04-10'), '2026-04-11');
  writer.payRecertificationFee('c2', CYCLE, 'CSCS', 'c2-fee', '2026-04-12');
  writer.register('c5', { on: '2026-04-12', certifications: [{ certification: 'TSAC-F', earnedOn: '2026-04-01' }] });
}

const byKey = (result: ReportResult, key: string, value: string) => result.rows.filter((r) => r[key] === value);

describe('runReport on PostgreSQL', () => {
  const schema = `reports_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let admin: Pool;
  let store: PostgresEventStore;
  let knownAtBetween: string;
  let now: string;
  let firstBatchEvents: number;
  let totalEvents: number;

  beforeAll(async () => {
    admin = new Pool({ connectionString: DATABASE_URL, max: 2 });
    store = await PostgresEventStore.create({ connectionString: DATABASE_URL, schema, listen: false });
    const writer = new HistoryWriter();
    firstBatch(writer);
    firstBatchEvents = await writer.flush(store);
    // recordedAt is set by the store when it writes (append metadata cannot forge it): an instant
    // taken after the first batch committed is later than all of it...
    knownAtBetween = new Date().toISOString();
    // ...and the second batch must be stamped after it: the clock has millisecond steps, so spin
    // (well under a millisecond, not a sleep) until it has moved on.
    while (new Date().toISOString() <= knownAtBetween) {
      /* the clock moves on */
    }
    secondBatch(writer);
    totalEvents = firstBatchEvents + (await writer.flush(store));
    now = new Date(Date.now() + 1000).toISOString();
    await headReaches(totalEvents);
  }, 30_000);

  /**
   * readAll and head are commit-safe: a transaction open elsewhere in the cluster (another suite)
   * holds them below events already committed. Wait, with a deadline, until the head covers ours.
   */
  async function headReaches(events: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const head = await store.head();
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema}".events WHERE (tx_id, global_position) <= ($1::xid8, $2::bigint)`,
        [head.txId, head.globalPosition],
      );
      if (rows[0]!.n >= events) return;
      if (Date.now() > deadline) throw new Error(`The head covers ${rows[0]!.n} of ${events} events after 20 s.`);
    }
  }

  afterAll(async () => {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  const run = (request: Omit<ReportRequest, 'knownAt'> & { knownAt?: string }, pageSize = 7) =>
    // A small page makes the replay cross many page boundaries (and its read-ahead) on a small log.
    runReport(store, { knownAt: now, ...request }, { pageSize });

  it('counts the cycle by certification and status, exactly, with every event read', async () => {
    const result = await run({ type: 'cycle-completion', cycle: CYCLE, asOf: '2026-06-30' });
    expect(result.generatedFrom).toMatchObject({ eventsRead: totalEvents, eventsFolded: totalEvents, eventsRecordedLater: 0 });
    expect(result.rows).toEqual([
      expect.objectContaining({ cycle: CYCLE, certification: 'CSCS', certificants: 3, Complete: 3, InProgress: 0, Expired: 0, required: 3, completed: 3, completionRate: 1 }),
      expect.objectContaining({ certification: 'NSCA-CPT', certificants: 1, Expired: 1, required: 1, completed: 0, completionRate: 0 }),
      // c5 earned TSAC-F on 2026-04-01: before July 1 of the last year, so it is due in this cycle (D2.2).
      expect.objectContaining({ certification: 'TSAC-F', certificants: 1, InProgress: 1, NotRequired: 0, required: 1, completionRate: 0 }),
    ]);
    expect(result.summary).toMatchObject({ certificants: 5, Complete: 3, Expired: 1, InProgress: 1, required: 5, completed: 3, completionRate: 0.6 });
  });

  it('with knownAt between the batches, ignores what was recorded later', async () => {
    const result = await run({ type: 'cycle-completion', cycle: CYCLE, asOf: '2026-06-30', knownAt: knownAtBetween });
    expect(result.generatedFrom).toMatchObject({ eventsRead: totalEvents, eventsFolded: firstBatchEvents, eventsRecordedLater: totalEvents - firstBatchEvents });
    expect(byKey(result, 'certification', 'CSCS')).toEqual([expect.objectContaining({ certificants: 3, Complete: 2, InProgress: 1 })]);
    // c5 was registered in the second batch: unknown then.
    expect(byKey(result, 'certification', 'TSAC-F')).toEqual([]);
    expect(result.parameters.knownAt).toBe(knownAtBetween);
  });

  it('moves InProgress to Expired once the late window is over, with no new event', async () => {
    const before = await run({ type: 'status-as-of', cycle: CYCLE, asOf: '2026-06-30', knownAt: knownAtBetween });
    const after = await run({ type: 'status-as-of', cycle: CYCLE, asOf: '2027-02-01', knownAt: knownAtBetween });
    const c2 = (r: ReportResult) => r.rows.find((row) => row.certificantId === 'c2');
    expect(c2(before)).toMatchObject({ certification: 'CSCS', status: 'InProgress', appliedCeus: 1, blockers: 'CEUS_SHORT TWO_CATEGORIES_REQUIRED RECERTIFICATION_FEE_MISSING' });
    expect(c2(after)).toMatchObject({ status: 'Expired' });
    expect(after.generatedFrom.eventsRead).toBe(before.generatedFrom.eventsRead);
    expect(after.rows.map((r) => [r.certificantId, r.status])).toEqual([
      ['c1', 'Complete'],
      ['c2', 'Expired'],
      ['c3', 'Expired'],
      ['c4', 'Complete'],
    ]);
  });

  it('sums reported and applied CEUs by category and by activity type', async () => {
    const result = await run({ type: 'ceus-by-category', cycle: CYCLE, asOf: '2026-06-30' });
    const cscs = result.rows.filter((r) => r.certification === 'CSCS');
    // CSCS: c1 and c4 (5.5 A + 0.5 C each), c2 (1.0 + 2.0 + 2.0 + 0.5 = 5.5 A, A capped at 5.5; 0.5 C).
    expect(cscs).toEqual([
      { cycle: CYCLE, certification: 'CSCS', dimension: 'activity-type', value: 'event-attendance', activities: 11, reportedCeus: 16.5, appliedCeus: 16.5 },
      { cycle: CYCLE, certification: 'CSCS', dimension: 'activity-type', value: 'first-aid', activities: 3, reportedCeus: 1.5, appliedCeus: 1.5 },
      { cycle: CYCLE, certification: 'CSCS', dimension: 'category', value: 'A', activities: 11, reportedCeus: 16.5, appliedCeus: 16.5 },
      { cycle: CYCLE, certification: 'CSCS', dimension: 'category', value: 'B', activities: 0, reportedCeus: 0, appliedCeus: 0 },
      { cycle: CYCLE, certification: 'CSCS', dimension: 'category', value: 'C', activities: 3, reportedCeus: 1.5, appliedCeus: 1.5 },
      { cycle: CYCLE, certification: 'CSCS', dimension: 'category', value: 'D', activities: 0, reportedCeus: 0, appliedCeus: 0 },
    ]);
  });

  it('reports audits selected, passed and failed, and appeals by grounds and decision, as of the date', async () => {
    const audits = await run({ type: 'audit-outcomes', cycle: CYCLE, asOf: '2026-06-30' });
    expect(audits.rows).toEqual([{ cycle: CYCLE, certificants: 5, selected: 2, open: 0, passed: 1, failed: 1, selectionRate: 0.4, failureRate: 0.5 }]);
    // Before au-3 was closed, it was open.
    const earlier = await run({ type: 'audit-outcomes', cycle: CYCLE, asOf: '2026-03-01' });
    expect(earlier.summary).toMatchObject({ selected: 2, open: 1, passed: 1, failed: 0 });

    const appeals = await run({ type: 'appeals', asOf: '2027-03-10' });
    expect(appeals.rows).toEqual([
      { cycle: CYCLE, grounds: 'illness', kind: 'appeal', decision: 'pending', remedy: '', appeals: 1 },
      { cycle: CYCLE, grounds: 'military', kind: 'appeal', decision: 'denied', remedy: '', appeals: 1 },
    ]);
    expect(appeals.summary).toEqual({ filed: 2, granted: 0, denied: 1, pending: 1, grantRate: 0 });
    // On a date before the decision, ap-3 was still pending.
    expect((await run({ type: 'appeals', asOf: '2027-02-20' })).summary).toMatchObject({ filed: 2, denied: 0, pending: 2 });
  });

  it('gives the program statistics of the cycle', async () => {
    const result = await run({ type: 'program-statistics', cycle: CYCLE, asOf: '2027-03-10' });
    expect(result.rows).toHaveLength(1);
    expect(result.summary).toMatchObject({
      cycle: CYCLE,
      certificants: 5,
      certificationsRequired: 5,
      certificationsCompleted: 3,
      // c3 (audit failed) and c5 (not complete when the late window ended on 2027-01-31).
      expired: 2,
      completionRate: 0.6,
      auditsSelected: 2,
      auditsFailed: 1,
      auditFailureRate: 0.5,
      appealsFiled: 2,
      appealsDenied: 1,
    });
    expect(result.columns.map((c) => c.key)).toEqual(Object.keys(result.summary));
  });

  it('gives the identical result for the same history, page size aside', async () => {
    const request = { type: 'program-statistics' as const, asOf: '2026-12-31', knownAt: now };
    const first = await runReport(store, request, { pageSize: 5 });
    const second = await runReport(store, request, { pageSize: 10_000 });
    expect(second).toEqual(first);
    expect(reportToCsv(second)).toBe(reportToCsv(first));
  });

  it('reports progress page by page, up to the head', async () => {
    const progress: number[] = [];
    const result = await runReport(store, { type: 'appeals', asOf: '2027-03-10', knownAt: now }, { pageSize: 10, onProgress: (done) => progress.push(done) });
    expect(progress[progress.length - 1]).toBe(totalEvents);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.length).toBe(Math.ceil(totalEvents / 10));
    expect(result.generatedFrom.head).toEqual(await store.head());
  });

  it('writes a CSV a spreadsheet reads back: labels first, quotes doubled, commas quoted', async () => {
    const result = await run({ type: 'ceus-by-category', cycle: CYCLE, asOf: '2026-06-30' });
    const csv = reportToCsv({ columns: result.columns, rows: [...result.rows.slice(0, 1), { cycle: 'a, b', value: 'say "hi"' }] });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Cycle,Certification,By,Category or activity type,Activities,Reported CEUs,Applied CEUs');
    expect(lines[1]).toBe('2024-2026,CSCS,activity-type,event-attendance,11,16.5,16.5');
    expect(lines[2]).toBe('"a, b",,,"say ""hi""",,,');
  });
});
