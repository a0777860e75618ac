import {
  cycleDecider,
  cycleStream,
  DomainError,
  evolveCycle,
  importDecider,
  importStream,
  initialImportState,
  isDomainError,
  PolicyNotFound,
  type ActivityReported,
  type Actor,
  type BusinessDate,
  type Category,
  type CertificantState,
  type CycleName,
  type CycleState,
  type DecisionContext,
  type ImportEvent,
  type ImportKind,
  type ReportActivity,
  type RowCommand,
} from '@recert/domain';
import { IDEMPOTENCY_NAMESPACE, uuidV5, WrongExpectedRevision, type EventStore, type NewEvent, type StreamAppend } from '@recert/event-store';
import type { CertificantDirectory, DirectoryMatches } from './certificant-directory';
import { ImportLedger, type ImportTotals } from './import-ledger';
import { readImportRow, type ImportActivityRow, type RowRefusal } from './import-row';
import { openSource, type ImportSource, type SourceRow } from './import-source';
import { StreamStates, type Folded } from './stream-states';
import { cycleContextOf, previousCycleOf } from '@recert/domain';

export interface ImportClock {
  now(): Date;
  /** Today's business date in the body's time zone. */
  today(): BusinessDate;
}

export interface ImportDeps {
  store: EventStore;
  directory: CertificantDirectory;
  clock: ImportClock;
}

export interface RunImportRequest {
  importId: string;
  /** One of IMPORT_KINDS; anything else is refused IMPORT_KIND_UNKNOWN. */
  kind: string;
  source: ImportSource;
  dryRun?: boolean;
  actor: Actor;
  fileName?: string;
}

export interface ImportProgress extends ImportTotals {
  importId: string;
  dryRun: boolean;
}

export type RowResult =
  | { row: number; outcome: 'accepted'; certificantId: string; cycle: string; activityId: string; category: Category; tenths: number }
  | { row: number; outcome: 'duplicate'; certificantId: string; duplicateOf: string; reason: string }
  | { row: number; outcome: 'rejected'; code: string; message: string };

export interface RunImportOptions {
  /** Called after each batch is recorded (or validated, in a dry run). A throw stops the import; running it again resumes. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Every row's outcome as it is decided (a dry run's preview); in a real run, only rows recorded by this run. */
  onRow?: (result: RowResult) => void;
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Folded streams kept between batches (default 5,000). */
  cacheSize?: number;
}

export interface ImportResult extends ImportProgress {
  status: 'completed' | 'reverted' | 'dry-run';
  rejections: { row: number; code: string; message: string }[];
  /** CEUs the accepted rows add, in tenths (this run's rows; every row in a dry run), by category. */
  acceptedTenths: number;
  acceptedTenthsByCategory: Partial<Record<Category, number>>;
}

/** The file does not match the import begun under this id (a resumed job must read the same rows). */
export class ImportSourceChanged extends DomainError {
  constructor(importId: string, expected: { kind: string | null; totalRows: number }, got: { kind: string; totalRows: number }) {
    super(
      'IMPORT_SOURCE_CHANGED',
      `Import ${importId} was started with ${expected.totalRows} ${expected.kind} rows; this file has ${got.totalRows} ${got.kind} rows. Start a new import for a different file.`,
      { expected, got },
    );
  }
}

const MAX_ATTEMPTS = 5;

/**
 * The batch CEU import (issue 5, item 1; api.md "Import rows"). Rows are read one at a time,
 * validated by the domain (`cycleDecider` calls `valueActivity` and `reportingTerms`, the part of
 * `cycleStatus` a report is decided on), and recorded in batches. A batch's streams are fetched
 * up front, several reads at a time, while the batch before it is decided and recorded; the rows
 * are then decided one after another from memory: each batch is ONE `appendBatch` holding the cycle streams' ActivityReported events
 * and the import stream's row outcomes, at the revisions they were decided on. So a row is never
 * counted without being marked, nor marked without being counted; a crash loses at most the
 * batch in flight; running again skips every row with an outcome (resume); a second runner
 * racing the first loses on the import stream's revision and re-reads. The same rows under a
 * new import id are recognised by their external reference (D3.16) and marked duplicates.
 */
export async function runImport(deps: ImportDeps, request: RunImportRequest, options: RunImportOptions = {}): Promise<ImportResult> {
  const source = await openSource(request.source);
  try {
    const run = new ImportRun(deps, request, options, source.totalRows);
    return await run.execute(source.rows());
  } finally {
    await source.close();
  }
}

interface PreparedBatch {
  rows: (ImportActivityRow | RowRefusal)[];
  matches: DirectoryMatches;
}

interface Decided {
  row: number;
  result: RowResult;
  command: RowCommand;
}

class ImportRun {
  private readonly batchSize: number;
  private readonly states: StreamStates;
  private readonly ledger: ImportLedger;
  private readonly dryRun: boolean;
  private readonly decision: DecisionContext;
  private acceptedTenths = 0;
  private readonly byCategory: Partial<Record<Category, number>> = {};
  /** A dry run's own tally, since it records nothing in a ledger stream. */
  private readonly dryTotals: ImportTotals;
  private readonly dryRejections: ImportResult['rejections'] = [];

  constructor(
    private readonly deps: ImportDeps,
    private readonly request: RunImportRequest,
    private readonly options: RunImportOptions,
    private readonly totalRows: number,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.dryRun = request.dryRun === true;
    this.states = new StreamStates(deps.store, this.dryRun ? Infinity : (options.cacheSize ?? 5_000));
    this.ledger = new ImportLedger(request.importId);
    this.dryTotals = { totalRows, processedRows: 0, acceptedRows: 0, duplicateRows: 0, rejectedRows: 0 };
    this.decision = { today: deps.clock.today(), now: deps.clock.now().toISOString(), actor: request.actor };
  }

  async execute(rows: AsyncIterable<SourceRow>): Promise<ImportResult> {
    const start = { type: 'StartImport' as const, importId: this.request.importId, kind: this.request.kind, totalRows: this.totalRows, fileName: this.request.fileName };
    if (this.dryRun) {
      // Refused the same way as a real start (IMPORT_KIND_UNKNOWN, IMPORT_EMPTY), recording nothing.
      importDecider.decide(start, initialImportState, this.decision);
    } else {
      await this.start(start);
      if (this.ledger.status !== 'running') return this.result();
    }
    const kind = this.request.kind as ImportKind;
    // Two batches in flight at most: the next one is read, matched and its streams fetched while
    // the one before is decided and recorded (decisions and appends stay one batch at a time).
    let recording: Promise<void> = Promise.resolve();
    const next = async (batch: SourceRow[]) => {
      const prepared = this.prepare(kind, batch);
      prepared.catch(() => undefined); // reported by the chain below, not as unhandled
      await recording;
      recording = prepared.then((read) => this.batch(read));
    };
    let batch: SourceRow[] = [];
    for await (const row of rows) {
      if (!this.dryRun && this.ledger.has(row.row)) continue;
      batch.push(row);
      if (batch.length >= this.batchSize) {
        await next(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await next(batch);
    await recording;
    if (!this.dryRun) await this.complete();
    return this.result();
  }

  private async start(command: { type: 'StartImport'; importId: string; kind: string; totalRows: number; fileName?: string }): Promise<void> {
    await this.ledger.catchUp(this.deps.store);
    if (this.ledger.status === 'none') {
      const events = importDecider.decide(command, initialImportState, this.decision);
      try {
        await this.deps.store.append(importStream(this.request.importId), this.withMetadata(events), { expectedRevision: 'no_stream' });
        for (const event of events) this.ledger.apply(event);
        return;
      } catch (error) {
        // Another runner started it a moment ago: carry on from what it recorded.
        if (!(error instanceof WrongExpectedRevision)) throw error;
        await this.ledger.catchUp(this.deps.store);
      }
    }
    if (this.ledger.kind !== command.kind || this.ledger.totalRows !== command.totalRows) {
      throw new ImportSourceChanged(this.request.importId, { kind: this.ledger.kind, totalRows: this.ledger.totalRows }, { kind: command.kind, totalRows: command.totalRows });
    }
  }

  private async complete(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const events = importDecider.decide({ type: 'CompleteImport', importId: this.request.importId }, this.ledger.fullState(), this.decision);
      if (events.length === 0) return;
      try {
        await this.deps.store.append(importStream(this.request.importId), this.withMetadata(events), { expectedRevision: this.ledger.revision });
        for (const event of events) this.ledger.apply(event);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
        await this.ledger.catchUp(this.deps.store);
      }
    }
  }

  /** One batch: decide every row, then one transaction (or, in a dry run, keep the simulated states). */
  private async batch({ rows, matches }: PreparedBatch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const pending = this.dryRun ? rows : rows.filter((row) => !this.ledger.has(row.row));
      if (pending.length === 0) return;
      const workspace = new Map<string, Folded<CycleState> & { base: number; events: ActivityReported[] }>();
      const decided = await this.decideRows(pending, matches, workspace);
      if (this.dryRun) {
        for (const [streamId, touched] of workspace) this.states.putCycle(streamId, { state: touched.state, revision: touched.revision });
        for (const d of decided) this.tally(d.result);
        await this.progress();
        return;
      }
      const importEvents = decided.flatMap((d) => importDecider.decide(d.command, this.ledger.stateFor(d.row), this.decision));
      const appends: StreamAppend[] = [
        { streamId: importStream(this.request.importId), events: this.withMetadata(importEvents), options: { expectedRevision: this.ledger.revision } },
      ];
      for (const [streamId, touched] of workspace) {
        if (touched.events.length === 0) continue;
        appends.push({
          streamId,
          events: touched.events.map((event) => ({ type: event.type, data: event.data, metadata: { ...this.metadata(), occurredAt: event.data.reportedOn } })),
          options: { expectedRevision: touched.base < 0 ? 'no_stream' : touched.base },
        });
      }
      try {
        await this.deps.store.appendBatch(appends);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
        // Someone else wrote one of these streams: forget what we folded and decide again.
        this.states.clear();
        await this.ledger.catchUp(this.deps.store);
        continue;
      }
      for (const event of importEvents) this.ledger.apply(event);
      for (const [streamId, touched] of workspace) this.states.putCycle(streamId, { state: touched.state, revision: touched.revision });
      for (const d of decided) {
        if (d.result.outcome === 'accepted') this.addCeus(d.result.category, d.result.tenths);
        this.options.onRow?.(d.result);
      }
      await this.progress();
      return;
    }
  }

  /** The rows read, matched in the directory, and every stream they are decided on fetched. */
  private async prepare(kind: ImportKind, rows: SourceRow[]): Promise<PreparedBatch> {
    const read = rows.map((row) => readImportRow(kind, row.row, row.fields, row.malformed));
    const matches = await this.match(read);
    await this.prefetch(read, matches);
    return { rows: read, matches };
  }

  private async decideRows(
    rows: (ImportActivityRow | RowRefusal)[],
    matches: DirectoryMatches,
    workspace: Map<string, Folded<CycleState> & { base: number; events: ActivityReported[] }>,
  ): Promise<Decided[]> {
    const decided: Decided[] = [];
    for (const row of rows) {
      decided.push('code' in row ? this.rejected(row) : await this.decideRow(row, matches, workspace));
    }
    return decided;
  }

  /**
   * Reads every stream the batch's rows will be decided on, with `readStreams` (one query per
   * step, not one per stream): the certificants named, the survivors they were merged into (one
   * more query per hop, D1.3), then each row's cycle, its merged duplicates' same cycle and the
   * previous cycle. The rows are then decided from memory.
   */
  private async prefetch(rows: (ImportActivityRow | RowRefusal)[], matches: DirectoryMatches): Promise<void> {
    const good = rows.filter((row): row is ImportActivityRow => !('code' in row));
    let ids = good.flatMap((row) => this.candidatesOf(row, matches));
    for (let hop = 0; hop < 10 && ids.length > 0; hop++) {
      await this.states.loadCertificants(ids);
      ids = ids.flatMap((id) => {
        const state = this.states.peekCertificant(id)?.state;
        return state?.status === 'merged' && state.mergedInto ? [state.mergedInto] : [];
      });
    }
    const cycles: [string, CycleName][] = [];
    for (const row of good) {
      let previous: CycleName | null;
      try {
        previous = previousCycleOf(row.cycle);
      } catch {
        continue; // no policy for the cycle: the row is refused without reading anything
      }
      for (const candidate of this.candidatesOf(row, matches)) {
        const survivor = this.peekSurvivor(candidate);
        if (!survivor) continue;
        cycles.push([survivor.certificantId!, row.cycle], ...survivor.mergedDuplicates.map((id): [string, CycleName] => [id, row.cycle]));
        if (previous) cycles.push([survivor.certificantId!, previous]);
      }
    }
    await this.states.loadCycles(cycles);
  }

  private candidatesOf(row: ImportActivityRow, matches: DirectoryMatches): string[] {
    const { certificantId, memberId, email } = row.identity;
    if (certificantId !== undefined) return [certificantId];
    if (memberId !== undefined) return matches.byMemberId.get(memberId) ?? [];
    return matches.byEmail.get(email!) ?? [];
  }

  /** `survivorOf` over what is held already (no read). */
  private peekSurvivor(certificantId: string): CertificantState | null {
    let id = certificantId;
    for (let hop = 0; hop < 10; hop++) {
      const state = this.states.peekCertificant(id)?.state;
      if (!state || state.status === 'unregistered') return null;
      if (state.status !== 'merged' || !state.mergedInto) return state;
      id = state.mergedInto;
    }
    return null;
  }

  /** One directory question per batch for the rows that give no certificantId. */
  private async match(rows: (ImportActivityRow | RowRefusal)[]): Promise<DirectoryMatches> {
    const memberIds = new Set<string>();
    const emails = new Set<string>();
    for (const row of rows) {
      if ('code' in row || row.identity.certificantId !== undefined) continue;
      if (row.identity.memberId !== undefined) memberIds.add(row.identity.memberId);
      else if (row.identity.email !== undefined) emails.add(row.identity.email);
    }
    if (memberIds.size === 0 && emails.size === 0) return { byMemberId: new Map(), byEmail: new Map() };
    return this.deps.directory.lookup({ memberIds: [...memberIds], emails: [...emails] });
  }

  private async decideRow(
    row: ImportActivityRow,
    matches: DirectoryMatches,
    workspace: Map<string, Folded<CycleState> & { base: number; events: ActivityReported[] }>,
  ): Promise<Decided> {
    const who = await this.certificantOf(row, matches);
    if ('code' in who) return this.rejected(who);
    const { certificantId, certificant } = who;
    const cycleState = async (id: string, cycle: string): Promise<CycleState> =>
      workspace.get(cycleStream(id, cycle))?.state ?? (await this.states.cycle(id, cycle)).state;

    const streamId = cycleStream(certificantId, row.cycle);
    let context;
    let own: Folded<CycleState> & { base: number; events: ActivityReported[] };
    try {
      const previousCycle = previousCycleOf(row.cycle);
      const touched = workspace.get(streamId);
      if (touched) own = touched;
      else {
        const folded = await this.states.cycle(certificantId, row.cycle);
        own = { ...folded, base: folded.revision, events: [] };
      }
      context = cycleContextOf(
        {
          cycle: row.cycle,
          certificant,
          own: own.state,
          merged: await Promise.all(certificant.mergedDuplicates.map((id) => cycleState(id, row.cycle))),
          previous: previousCycle ? await cycleState(certificantId, previousCycle) : null,
          audit: null,
        },
        this.decision,
      );
    } catch (error) {
      if (error instanceof PolicyNotFound) return this.rejected({ row: row.row, code: error.code, message: error.message });
      throw error;
    }

    const activityId = uuidV5(`import:${this.request.importId}:row:${row.row}`, IDEMPOTENCY_NAMESPACE);
    const command: ReportActivity = {
      type: 'ReportActivity',
      certificantId,
      cycle: row.cycle,
      activityId,
      ...row.input,
      reportedBy: 'staff',
      importId: this.request.importId,
    };
    let events: ActivityReported[];
    try {
      events = cycleDecider.decide(command, own.state, context) as ActivityReported[];
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (error.code === 'ACTIVITY_DUPLICATE_REFERENCE') {
        const duplicateOf = String(error.details.activityId);
        return {
          row: row.row,
          result: { row: row.row, outcome: 'duplicate', certificantId, duplicateOf, reason: error.message },
          command: { type: 'MarkDuplicate', importId: this.request.importId, row: row.row, certificantId, duplicateOf, reason: error.message },
        };
      }
      return this.rejected({ row: row.row, code: error.code, message: error.message });
    }
    const kindRefusal = this.kindRule(row, own.state);
    if (kindRefusal) return this.rejected(kindRefusal);

    const accept = (tenths: number, category: Category): Decided => ({
      row: row.row,
      result: { row: row.row, outcome: 'accepted', certificantId, cycle: row.cycle, activityId, category, tenths },
      command: { type: 'AcceptRow', importId: this.request.importId, row: row.row, certificantId, cycle: row.cycle, activityId },
    });
    const [event] = events;
    // [] means the activity is on the stream already (the domain's repeat rule): the row is still accepted.
    if (!event) {
      const existing = own.state.activities.find((a) => a.reported.activityId === activityId)!.reported;
      return accept(existing.tenths, existing.category);
    }
    const next = { state: evolveCycle(own.state, event), revision: own.revision + 1, base: own.base, events: [...own.events, event] };
    workspace.set(streamId, next);
    return accept(event.data.tenths, event.data.category);
  }

  /**
   * D3.15, checked where staff add them (docs/domain.md, "Where each rule lives"): volunteer
   * leadership earns CEUs once a year; an article counts in its print month, never ahead of print.
   */
  private kindRule(row: ImportActivityRow, state: CycleState): RowRefusal | null {
    const check = row.check;
    if (check.kind === 'volunteer') {
      const same = state.activities.find(
        (a) => a.reported.activityType === 'volunteer-service' && !a.withdrawn && a.reported.activityDate.startsWith(String(check.year)),
      );
      if (same) {
        return {
          row: row.row,
          code: 'IMPORT_VOLUNTEER_ONCE_A_YEAR',
          message: `Volunteer leadership earns CEUs once a year: ${check.year} is already recorded as activity ${same.reported.activityId}.`,
        };
      }
    }
    if (check.kind === 'publication') {
      if (check.publishedOn > this.decision.today) {
        return { row: row.row, code: 'IMPORT_PUBLICATION_NOT_IN_PRINT', message: `The article is printed on ${check.publishedOn}; ahead-of-print articles earn nothing until their print month.` };
      }
      if (row.input.activityDate.slice(0, 7) !== check.publishedOn.slice(0, 7)) {
        return {
          row: row.row,
          code: 'IMPORT_PUBLICATION_NOT_PRINT_MONTH',
          message: `An article counts in the month of its print publication (${check.publishedOn.slice(0, 7)}), not on ${row.input.activityDate}.`,
        };
      }
    }
    return null;
  }

  /** certificantId, else memberId, else email (api.md); a merged-away account leads to its survivor (D1.3). */
  private async certificantOf(
    row: ImportActivityRow,
    matches: DirectoryMatches,
  ): Promise<{ certificantId: string; certificant: CertificantState } | RowRefusal> {
    const { certificantId, memberId, email } = row.identity;
    const [by, value] = certificantId !== undefined ? ['certificantId', certificantId] : memberId !== undefined ? ['memberId', memberId] : ['email', email!];
    const candidates = this.candidatesOf(row, matches);
    const found = new Map<string, CertificantState>();
    for (const candidate of candidates) {
      const survivor = await this.survivorOf(candidate);
      if (survivor) found.set(survivor.certificantId!, survivor);
    }
    if (found.size === 0) {
      return { row: row.row, code: 'CERTIFICANT_UNKNOWN', message: `No certificant has the ${by} ${value}.` };
    }
    if (found.size > 1) {
      return {
        row: row.row,
        code: by === 'email' ? 'IMPORT_EMAIL_AMBIGUOUS' : 'IMPORT_MEMBER_ID_AMBIGUOUS',
        message: `The ${by} ${value} belongs to ${found.size} accounts (${[...found.keys()].sort().join(', ')}); give the row's certificantId instead.`,
      };
    }
    const [[id, state]] = [...found];
    return { certificantId: id, certificant: state };
  }

  private async survivorOf(certificantId: string): Promise<CertificantState | null> {
    let id = certificantId;
    for (let hop = 0; hop < 10; hop++) {
      const { state } = await this.states.certificant(id);
      if (state.status === 'unregistered') return null;
      if (state.status !== 'merged' || !state.mergedInto) return state;
      id = state.mergedInto;
    }
    return null;
  }

  private rejected(refusal: RowRefusal): Decided {
    const { row, code, message } = refusal;
    return {
      row,
      result: { row, outcome: 'rejected', code, message },
      command: { type: 'RejectRow', importId: this.request.importId, row, code, message },
    };
  }

  private tally(result: RowResult): void {
    this.dryTotals.processedRows++;
    if (result.outcome === 'accepted') {
      this.dryTotals.acceptedRows++;
      this.addCeus(result.category, result.tenths);
    } else if (result.outcome === 'duplicate') this.dryTotals.duplicateRows++;
    else {
      this.dryTotals.rejectedRows++;
      this.dryRejections.push({ row: result.row, code: result.code, message: result.message });
    }
    this.options.onRow?.(result);
  }

  private addCeus(category: Category, tenths: number): void {
    this.acceptedTenths += tenths;
    this.byCategory[category] = (this.byCategory[category] ?? 0) + tenths;
  }

  private totals(): ImportTotals {
    return this.dryRun ? { ...this.dryTotals } : this.ledger.totals();
  }

  private async progress(): Promise<void> {
    await this.options.onProgress?.({ importId: this.request.importId, dryRun: this.dryRun, ...this.totals() });
  }

  private result(): ImportResult {
    return {
      importId: this.request.importId,
      dryRun: this.dryRun,
      status: this.dryRun ? 'dry-run' : this.ledger.status === 'reverted' ? 'reverted' : 'completed',
      ...this.totals(),
      rejections: this.dryRun ? this.dryRejections : [...this.ledger.rejections].sort((a, b) => a.row - b.row),
      acceptedTenths: this.acceptedTenths,
      acceptedTenthsByCategory: { ...this.byCategory },
    };
  }

  private metadata(): NewEvent['metadata'] {
    return { actor: this.request.actor, source: `import:${this.request.importId}`, correlationId: this.request.importId, causationId: null };
  }

  private withMetadata(events: ImportEvent[]): NewEvent[] {
    return events.map((event) => ({ type: event.type, data: event.data, metadata: this.metadata() }));
  }
}
