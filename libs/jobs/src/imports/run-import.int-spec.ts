import { Readable } from 'node:stream';
import { cycleStream, importStream } from '@recert/domain';
import { revertImport } from './revert-import';
import { importStatus } from './import-status';
import { runImport, type ImportProgress, type RunImportRequest } from './run-import';
import { CYCLE, ImportTestWorld, TODAY } from './testing/import-test-world';

const staff = { id: 'staff-1', role: 'staff' };

// Thousands of rows through real transactions: seconds, not milliseconds.
jest.setTimeout(60_000);

/** A CSV as a staff member uploads it: one stream, read once. */
const csv = (lines: string[]) => () => Readable.from([lines.join('\n') + '\n']);

// Eleven rows: three good, one duplicate of an earlier row, seven refused for different reasons.
const ATTENDANCE = [
  'certificantId,memberId,email,activityDate,title,provider,hours,externalRef,cycle',
  'c-ann,,,2025-02-10,Conference A,NSCA,3,EV-1,',
  ',M-ANN,,2025-03-01,Workshop B,NSCA,4,,',
  ',,BOB@Example.org,2025-04-01,National Conference,NSCA,25,,', // 25 hours: worth 2.0, the per-event maximum (D3.7)
  ',,shared@example.org,2025-04-02,Clinic,NSCA,2,,',
  'c-nobody,,,2025-04-03,Clinic,NSCA,2,,',
  'c-new,,,2025-01-15,Clinic,NSCA,2,,', // certified 2025-03-01
  'c-ann,,,2023-06-01,Old clinic,NSCA,2,,2024-2026',
  'c-ann,,,2025-04-05,Clinic,NSCA,three,,',
  'c-ann,,,2025-04-06,Conference A again,NSCA,3,EV-1,',
  'c-ann,,,2025-04-07,Clinic',
  ',,bob@example.org,2025-04-08,Clinic,NSCA,0,,',
];

const EXPECTED_REJECTIONS = [
  { row: 4, code: 'IMPORT_EMAIL_AMBIGUOUS' },
  { row: 5, code: 'CERTIFICANT_UNKNOWN' },
  { row: 6, code: 'ACTIVITY_BEFORE_CERTIFICATION' },
  { row: 7, code: 'ACTIVITY_OUTSIDE_CYCLE' },
  { row: 8, code: 'IMPORT_ROW_MALFORMED' },
  { row: 10, code: 'IMPORT_ROW_MALFORMED' },
  { row: 11, code: 'ACTIVITY_HOURS_INVALID' },
];

let world: ImportTestWorld;

beforeEach(async () => {
  world = await ImportTestWorld.create();
  await world.register([
    { certificantId: 'c-ann', email: 'ann@example.org', memberId: 'M-ANN' },
    { certificantId: 'c-bob', email: 'bob@example.org' },
    { certificantId: 'c-sam1', email: 'shared@example.org' },
    { certificantId: 'c-sam2', email: 'shared@example.org' },
    { certificantId: 'c-new', email: 'new@example.org', earnedOn: '2025-03-01' },
  ]);
});

afterEach(async () => {
  await world.drop();
});

const request = (importId: string, overrides: Partial<RunImportRequest> = {}): RunImportRequest => ({
  importId,
  kind: 'event-attendance',
  source: csv(ATTENDANCE),
  actor: staff,
  fileName: 'attendance.csv',
  ...overrides,
});

describe('runImport on real PostgreSQL', () => {
  it('records good rows, marks the duplicate, refuses the bad ones one by one, with exact CEU totals', async () => {
    const result = await runImport(world.deps, request('imp-1'));

    expect(result).toMatchObject({ status: 'completed', totalRows: 11, processedRows: 11, acceptedRows: 3, duplicateRows: 1, rejectedRows: 7 });
    expect(result.rejections.map(({ row, code }) => ({ row, code }))).toEqual(EXPECTED_REJECTIONS);
    expect(result.rejections.every((r) => r.message.length > 10)).toBe(true);
    expect(result.acceptedTenths).toBe(3 + 4 + 20);
    expect(await world.reportedTenths('c-ann')).toBe(7);
    expect(await world.reportedTenths('c-bob')).toBe(20);
    expect(await world.reportedTenths('c-new')).toBe(0);

    const imported = await world.store.readStream(importStream('imp-1'));
    expect(imported).toHaveLength(13);
    expect([imported[0].type, imported[12].type]).toEqual(['ImportStarted', 'ImportCompleted']);
    expect(imported.at(-1)?.data).toMatchObject({ totalRows: 11, acceptedRows: 3, duplicateRows: 1, rejectedRows: 7 });
    const duplicate = imported.find((e) => e.type === 'ImportRowMarkedDuplicate');
    const first = imported.find((e) => e.type === 'ImportRowAccepted' && (e.data as { row: number }).row === 1);
    expect((duplicate?.data as { duplicateOf: string }).duplicateOf).toBe((first?.data as { activityId: string }).activityId);

    expect(await importStatus(world.store, 'imp-1')).toMatchObject({ status: 'completed', totalRows: 11, processedRows: 11, acceptedRows: 3, duplicateRows: 1, rejectedRows: 7 });
  });

  it('adds nothing when the same file is uploaded twice, or the same job runs again', async () => {
    await runImport(world.deps, request('imp-1'));
    const head = await world.store.head();

    const again = await runImport(world.deps, request('imp-1'));
    expect(again).toMatchObject({ status: 'completed', acceptedRows: 3, duplicateRows: 1, rejectedRows: 7 });
    expect(await world.store.head()).toEqual(head);

    // Uploaded again as a plain stream (read once: spooled to a temporary file to count it first).
    const second = await runImport(world.deps, request('imp-2', { source: Readable.from(ATTENDANCE.map((line) => `${line}\n`)) }));
    // D3.16: each row's reference (given, or derived from its content) is on record already.
    expect(second).toMatchObject({ acceptedRows: 0, duplicateRows: 4, rejectedRows: 7, acceptedTenths: 0 });
    expect(await world.reportedTenths('c-ann')).toBe(7);
    expect(await world.reportedTenths('c-bob')).toBe(20);
    const activities = (await world.cycleState('c-ann')).activities.length + (await world.cycleState('c-bob')).activities.length;
    expect(activities).toBe(3);
  });

  it('a dry run validates and matches every row, says what would happen and records nothing', async () => {
    const head = await world.store.head();
    const rows: string[] = [];
    const preview = await runImport(world.deps, request('imp-dry', { dryRun: true }), { onRow: (r) => rows.push(`${r.row}:${r.outcome}`) });

    expect(await world.store.head()).toEqual(head);
    expect(await world.store.streamRevision(importStream('imp-dry'))).toBe(-1);
    expect(preview).toMatchObject({ status: 'dry-run', totalRows: 11, processedRows: 11, acceptedRows: 3, duplicateRows: 1, rejectedRows: 7, acceptedTenths: 27 });
    expect(preview.acceptedTenthsByCategory).toEqual({ A: 27 });
    expect(preview.rejections.map(({ row, code }) => ({ row, code }))).toEqual(EXPECTED_REJECTIONS);
    expect(rows).toHaveLength(11);

    // The real run then does exactly what the preview said.
    const real = await runImport(world.deps, request('imp-real'));
    expect(real).toMatchObject({ acceptedRows: 3, duplicateRows: 1, rejectedRows: 7, acceptedTenths: 27 });
  });

  it('a revert withdraws exactly what the import added, as events of its own, once', async () => {
    await runImport(world.deps, request('imp-1'));
    await world.register([{ certificantId: 'c-other', email: 'other@example.org' }]);
    await runImport(world.deps, { importId: 'imp-other', kind: 'event-attendance', actor: staff, source: [{ certificantId: 'c-ann', activityDate: '2025-05-01', title: 'Kept', hours: 5 }] });
    expect(await world.reportedTenths('c-ann')).toBe(12);

    const reverted = await revertImport(world.deps, { importId: 'imp-1', reason: 'wrong conference list', actor: staff });
    expect(reverted).toEqual({ importId: 'imp-1', activities: 3, withdrawn: 3, alreadyWithdrawn: 0 });
    expect(await world.reportedTenths('c-ann')).toBe(5);
    expect(await world.reportedTenths('c-bob')).toBe(0);
    const withdrawn = (await world.allEvents()).filter((e) => e.type === 'ActivityWithdrawn');
    expect(withdrawn).toHaveLength(3);
    expect(withdrawn.every((e) => (e.data as { importId?: string }).importId === 'imp-1')).toBe(true);
    expect(await importStatus(world.store, 'imp-1')).toMatchObject({ status: 'reverted' });

    const head = await world.store.head();
    expect(await revertImport(world.deps, { importId: 'imp-1', reason: 'again', actor: staff })).toEqual({
      importId: 'imp-1',
      activities: 3,
      withdrawn: 0,
      alreadyWithdrawn: 3,
    });
    expect(await world.store.head()).toEqual(head);

    // Withdrawn activities no longer block their references: the corrected list imports again.
    const reimport = await runImport(world.deps, request('imp-3'));
    expect(reimport).toMatchObject({ acceptedRows: 3, duplicateRows: 1 });
    expect(await world.reportedTenths('c-ann')).toBe(12);
  });

  it('refuses a revert without a reason and an import of an unknown kind, recording nothing', async () => {
    await runImport(world.deps, request('imp-1'));
    const head = await world.store.head();
    await expect(revertImport(world.deps, { importId: 'imp-1', reason: ' ', actor: staff })).rejects.toMatchObject({ code: 'IMPORT_REVERT_REASON_REQUIRED' });
    await expect(runImport(world.deps, request('imp-x', { kind: 'webinars' }))).rejects.toMatchObject({ code: 'IMPORT_KIND_UNKNOWN' });
    await expect(runImport(world.deps, request('imp-y', { source: csv([ATTENDANCE[0]]) }))).rejects.toMatchObject({ code: 'IMPORT_EMPTY' });
    await expect(runImport(world.deps, request('imp-1', { source: csv(ATTENDANCE.slice(0, 5)) }))).rejects.toMatchObject({ code: 'IMPORT_SOURCE_CHANGED' });
    expect(await world.store.head()).toEqual(head);
  });

  it('maps each kind to its activity and checks what staff check (D3.15)', async () => {
    const rows = async (kind: string, given: Record<string, unknown>[]) =>
      runImport(world.deps, { importId: `imp-${kind}`, kind, source: given, actor: staff });

    const volunteer = await rows('volunteer', [
      { email: 'ann@example.org', role: 'State director', servedFrom: '2024-01-01', servedTo: '2024-12-31', ceus: 1 },
      { email: 'ann@example.org', role: 'Committee member', servedFrom: '2024-01-01', servedTo: '2024-12-31', ceus: 1 },
      { email: 'bob@example.org', role: 'State director', servedFrom: '2024-06-01', servedTo: '2024-12-31', ceus: 1 },
    ]);
    expect(volunteer.rejections.map((r) => r.code)).toEqual(['IMPORT_VOLUNTEER_ONCE_A_YEAR', 'IMPORT_VOLUNTEER_YEAR_NOT_FULL']);

    const publication = await rows('publication', [
      { certificantId: 'c-bob', title: 'Squat depth', publication: 'SCJ', publishedOn: '2025-02-01', ceus: 1 },
      { certificantId: 'c-bob', title: 'Ahead of print', publication: 'JSCR', ceus: 1 },
      { certificantId: 'c-bob', title: 'Wrong month', publication: 'SCJ', publishedOn: '2025-02-01', activityDate: '2025-03-10', ceus: 1 },
      { certificantId: 'c-bob', title: 'Next issue', publication: 'SCJ', publishedOn: '2025-08-01', ceus: 1 },
    ]);
    expect(publication.rejections.map((r) => r.code)).toEqual([
      'IMPORT_PUBLICATION_NOT_IN_PRINT',
      'IMPORT_PUBLICATION_NOT_PRINT_MONTH',
      'IMPORT_PUBLICATION_NOT_IN_PRINT',
    ]);

    const quiz = await rows('quiz', [
      { memberId: 'M-ANN', quizId: 'Q-17', score: 85, activityDate: '2025-05-02' },
      { memberId: 'M-ANN', quizId: 'Q-18', score: 60, activityDate: '2025-05-03' },
    ]);
    expect(quiz.rejections.map((r) => r.code)).toEqual(['QUIZ_NOT_PASSED']);

    const activities = await rows('activities', [
      { certificantId: 'c-bob', activityType: 'first-aid', activityDate: '2025-01-20', title: 'First Aid' },
      { certificantId: 'c-bob', activityType: 'first-aid', activityDate: '2025-01-21', title: 'First Aid', ceus: 1 },
      { certificantId: 'c-bob', activityType: 'college-course', activityDate: '2025-05-20', title: 'Physiology', creditHours: 3, creditSystem: 'semester' },
      { certificantId: 'c-bob', activityType: 'cpr-aed', activityDate: '2025-01-22', title: 'CPR' },
    ]);
    expect(activities.rejections.map((r) => r.code)).toEqual(['ACTIVITY_VALUE_NOT_ADJUSTABLE', 'CPR_AED_EARNS_NO_CEUS']);

    // Volunteer 1.0 and quiz 0.2 (its default) for Ann; article 1.0, First Aid 0.5, course 1.5 for Bob.
    expect(await world.reportedTenths('c-ann')).toBe(12);
    expect(await world.reportedTenths('c-bob')).toBe(30);
    const ann = await world.cycleState('c-ann');
    expect(ann.activities.map((a) => [a.reported.activityType, a.reported.reportedBy, a.reported.importId])).toEqual([
      ['volunteer-service', 'staff', 'imp-volunteer'],
      ['nsca-quiz', 'staff', 'imp-quiz'],
    ]);
  });

  it('resumes after a crash mid-import and records every row exactly once', async () => {
    const people = Array.from({ length: 40 }, (_, i) => ({ certificantId: `p-${i}`, email: `p${i}@example.org` }));
    await world.register(people);
    const lines = ['email,activityDate,title,hours'];
    for (let row = 0; row < 4_000; row++) lines.push(`p${row % 40}@example.org,2025-0${1 + (row % 5)}-${String(1 + (row % 28)).padStart(2, '0')},Session ${row},1`);

    let batches = 0;
    const crash = async () => {
      await runImport(world.deps, request('imp-big', { source: csv(lines) }), {
        batchSize: 500,
        onProgress: () => {
          // The worker dies after its third transaction has committed.
          if (++batches === 3) throw new Error('worker killed');
        },
      });
    };
    await expect(crash()).rejects.toThrow('worker killed');
    expect(await importStatus(world.store, 'imp-big')).toMatchObject({ status: 'running', totalRows: 4_000, processedRows: 1_500 });

    const progress: ImportProgress[] = [];
    const resumed = await runImport(world.deps, request('imp-big', { source: csv(lines) }), { batchSize: 500, onProgress: (p) => void progress.push(p) });
    expect(resumed).toMatchObject({ status: 'completed', processedRows: 4_000, acceptedRows: 4_000, duplicateRows: 0, rejectedRows: 0 });
    expect(progress.map((p) => p.processedRows)).toEqual([2_000, 2_500, 3_000, 3_500, 4_000]);

    const events = await world.allEvents();
    const reported = events.filter((e) => e.type === 'ActivityReported');
    expect(reported).toHaveLength(4_000);
    expect(new Set(reported.map((e) => (e.data as { externalRef: string }).externalRef)).size).toBe(4_000);
    // Dated the day they were recorded (reportedOn), as the API dates a report: the cycle-status
    // projection judges a cycle as of occurredAt, and as of an activity's own date it would not see it.
    expect(new Set(reported.map((e) => e.metadata.occurredAt))).toEqual(new Set([TODAY]));
    const rowEvents = events.filter((e) => e.streamId === importStream('imp-big') && e.type.startsWith('ImportRow'));
    expect(new Set(rowEvents.map((e) => (e.data as { row: number }).row)).size).toBe(4_000);
    expect(rowEvents).toHaveLength(4_000);
    for (const p of people.slice(0, 3)) {
      expect((await world.store.readStream(cycleStream(p.certificantId, CYCLE))).length).toBe(100);
      expect(await world.reportedTenths(p.certificantId)).toBe(100);
    }
  });

  it('reads a batch of streams in one query per step, not one read per row (the issue 5 import target)', async () => {
    const people = Array.from({ length: 100 }, (_, i) => ({ certificantId: `r-${i}`, email: `r${i}@example.org` }));
    await world.register(people);
    const lines = ['email,activityDate,title,hours'];
    for (let row = 0; row < 200; row++) lines.push(`r${row % 100}@example.org,2025-03-${String(1 + (row % 28)).padStart(2, '0')},Session ${row},1`);
    // The real store, its reads counted by stream.
    const streamReads: string[] = [];
    const manyReads: string[][] = [];
    const store = new Proxy(world.store, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property === 'readStream') return (id: string, from?: number) => (streamReads.push(id), target.readStream(id, from));
        if (property === 'readStreams') return (ids: string[]) => (manyReads.push([...ids]), target.readStreams(ids));
        return (value as (...args: unknown[]) => unknown).bind(target);
      },
    });

    const result = await runImport({ ...world.deps, store }, request('imp-reads', { source: csv(lines) }), { batchSize: 100 });
    expect(result).toMatchObject({ status: 'completed', acceptedRows: 200 });
    // Each batch names all 100 people: at most one query for their certificant streams and one for
    // their cycles (this one and the previous). The second batch is prefetched while the first is
    // still in flight, so it may read again what the first one holds by the time it is recorded.
    expect(manyReads.length).toBeGreaterThanOrEqual(2);
    expect(manyReads.length).toBeLessThanOrEqual(4);
    expect(new Set(manyReads.flat()).size).toBe(300);
    expect(streamReads.filter((id) => id !== importStream('imp-reads'))).toEqual([]);
    expect(await world.reportedTenths('r-7')).toBe(2); // two rows of one hour, 0.1 CEU each

    // The revert too: its 200 activities in one batch, their streams in one query each.
    manyReads.length = 0;
    streamReads.length = 0;
    expect(await revertImport({ ...world.deps, store }, { importId: 'imp-reads', reason: 'wrong list', actor: staff })).toMatchObject({ withdrawn: 200 });
    expect(manyReads.map((ids) => ids.length).sort((a, b) => a - b)).toEqual([100, 200]);
    expect(streamReads.filter((id) => id !== importStream('imp-reads'))).toEqual([]);
    expect(await world.reportedTenths('r-7')).toBe(0);
  });

  it('two runners of the same job at once record every row once', async () => {
    const people = Array.from({ length: 20 }, (_, i) => ({ certificantId: `q-${i}`, email: `q${i}@example.org` }));
    await world.register(people);
    const lines = ['certificantId,activityDate,title,hours'];
    for (let row = 0; row < 1_000; row++) lines.push(`q-${row % 20},2025-02-${String(1 + (row % 28)).padStart(2, '0')},Session ${row},1`);

    const results = await Promise.all([
      runImport(world.deps, request('imp-race', { source: csv(lines) }), { batchSize: 100 }),
      runImport(world.deps, request('imp-race', { source: csv(lines) }), { batchSize: 100 }),
    ]);
    for (const result of results) expect(result).toMatchObject({ status: 'completed', acceptedRows: 1_000 });
    expect((await world.allEvents()).filter((e) => e.type === 'ActivityReported')).toHaveLength(1_000);
  });
});
