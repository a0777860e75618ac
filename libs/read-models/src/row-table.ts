import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { quoteIdent } from './shadow-tables';

/**
 * Rows a write must hold before they go in by `COPY` rather than one `INSERT ... SELECT FROM
 * jsonb_to_recordset`: COPY skips parsing the whole batch as one jsonb document (a rebuild's 8,000
 * timeline rows: about a quarter of the INSERT's time), but costs a savepoint and two more round
 * trips, which a live batch of a few rows would not win back.
 */
export const COPY_MIN_ROWS = 100;

const WITHOUT_COPY = new WeakSet<DataSource>();

/** Every write through `dataSource` goes by INSERT: PGlite's socket server does not serve `COPY FROM STDIN`. */
export function writeWithoutCopy(dataSource: DataSource): void {
  WITHOUT_COPY.add(dataSource);
}

interface ColumnSpec {
  property: string;
  name: string;
  /** Quoted column name. */
  column: string;
  /** PostgreSQL type of the column, e.g. `jsonb`; arrays of it carry a batch's values. */
  sqlType: string;
  /** A json or jsonb column: its values are written as JSON text. */
  json: boolean;
  primary: boolean;
}

interface TableSpec {
  /** Quoted and unqualified: during a rebuild the search_path finds the shadow copy first. */
  table: string;
  columns: ColumnSpec[];
  primary: ColumnSpec[];
  /** The select list that reads a row back as TypeORM would hydrate it. */
  selectList: string;
  /** Every column, quoted, in order. */
  columnList: string;
  /** `jsonb_to_recordset`'s column definitions: `"a" text, "b" jsonb, ...`. */
  recordType: string;
}

/** Built from TypeORM's metadata; `RowTable` keeps it per DataSource (`getMetadata` searches every entity). */
function specOf(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): TableSpec {
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.map<ColumnSpec>((column) => {
    if (typeof column.type !== 'string') {
      throw new Error(`${metadata.tableName}.${column.databaseName}: RowTable needs the column type named as a string.`);
    }
    return { property: column.propertyName, name: column.databaseName, column: quoteIdent(column.databaseName), sqlType: column.type, json: column.type === 'jsonb' || column.type === 'json', primary: column.isPrimary };
  });
  const primary = columns.filter((column) => column.primary);
  if (primary.length === 0) throw new Error(`${metadata.tableName} has no primary key; RowTable needs one.`);
  return {
    table: quoteIdent(metadata.tableName),
    columns,
    primary,
    // pg parses jsonb, integer and boolean itself; dates and int8 come back as text, as TypeORM gives them.
    selectList: columns
      .map(({ column, sqlType }) => (sqlType === 'date' || sqlType === 'bigint' ? `${column}::text AS ${column}` : column))
      .join(', '),
    columnList: columns.map((c) => c.column).join(', '),
    recordType: columns.map((c) => `${c.column} ${c.sqlType}`).join(', '),
  };
}

/** A JS value as an element of the batch's array parameter for a column of `sqlType`. */
function cell(value: unknown, sqlType: string): unknown {
  if (value === undefined || value === null) return null;
  return sqlType === 'jsonb' || sqlType === 'json' ? JSON.stringify(value) : value;
}

/** `(a, b) IN (SELECT * FROM unnest($1::text[], $2::text[]))` for `keys` over `columns`, parameters from `offset`. */
function keyFilter(columns: ColumnSpec[], keys: ObjectLiteral[], offset = 0): { sql: string; params: unknown[] } {
  const params = columns.map((c) => keys.map((key) => cell(key[c.property], c.sqlType)));
  if (columns.length === 1) return { sql: `${columns[0]!.column} = ANY($${offset + 1}::${columns[0]!.sqlType}[])`, params };
  const arrays = columns.map((c, i) => `$${offset + i + 1}::${c.sqlType}[]`).join(', ');
  return { sql: `(${columns.map((c) => c.column).join(', ')}) IN (SELECT * FROM unnest(${arrays}))`, params };
}

/**
 * Set-based access to one read-model table, whatever the size of the batch: one SELECT for every
 * row a batch touches (`WHERE key = ANY($1)`), one `INSERT ... SELECT FROM jsonb_to_recordset($1)
 * ON CONFLICT DO UPDATE` for every row it changed (from `COPY_MIN_ROWS` new rows on, one COPY for
 * those), one DELETE for every key it clears. Columns
 * come from the entity's TypeORM metadata; values go in and come out as TypeORM would write and
 * hydrate them.
 */
export class RowTable<R extends ObjectLiteral> {
  /** The spec for the last DataSource asked about: `keyOf` runs per row. */
  private last: { connection: EntityManager['connection']; spec: TableSpec } | null = null;

  constructor(readonly entity: EntityTarget<R>) {}

  private spec(manager: EntityManager): TableSpec {
    if (this.last?.connection !== manager.connection) this.last = { connection: manager.connection, spec: specOf(manager, this.entity) };
    return this.last.spec;
  }

  /** The primary key's values of a row (or a key), as one string for maps. */
  keyOf(manager: EntityManager, key: Partial<R>): string {
    return this.spec(manager)
      .primary.map((c) => String(key[c.property]))
      .join('\u0000');
  }

  /** The rows whose `by` columns (default: the primary key) equal one of `keys`, in one query. */
  async load(manager: EntityManager, keys: Array<Partial<R>>, by?: Array<keyof R & string>): Promise<R[]> {
    if (keys.length === 0) return [];
    const spec = this.spec(manager);
    const filter = keyFilter(this.columns(spec, by), keys);
    return (await manager.query(`SELECT ${spec.selectList} FROM ${spec.table} WHERE ${filter.sql}`, filter.params)).map(
      (raw: Record<string, unknown>) => {
        const row: ObjectLiteral = {};
        for (const c of spec.columns) row[c.property] = raw[c.name];
        return row as R;
      },
    );
  }

  /**
   * Inserts `rows`, or updates every column of those whose key exists, in one statement; or in
   * two, when `isNew` says `COPY_MIN_ROWS` or more had no row when the batch loaded them: those go
   * in by COPY (as in `insertNew`, updated by the INSERT if a key was stored after all).
   */
  async upsert(manager: EntityManager, rows: R[], isNew?: (row: R) => boolean): Promise<void> {
    const unique = this.lastOfEachKey(manager, rows);
    const fresh: R[] = [];
    const stored: R[] = [];
    for (const row of unique) (isNew?.(row) ? fresh : stored).push(row);
    if (fresh.length < COPY_MIN_ROWS) return this.insert(manager, unique, 'update');
    await this.insert(manager, stored, 'update');
    if (!(await this.copied(manager, fresh))) await this.insert(manager, fresh, 'update');
  }

  /**
   * Inserts `rows`, leaving those whose key exists as they are. Many rows go in by one COPY in a
   * savepoint; if a key exists already (a batch applied again), the savepoint is rolled back and
   * one `INSERT ... ON CONFLICT DO NOTHING` writes them instead.
   */
  async insertNew(manager: EntityManager, rows: R[]): Promise<void> {
    const unique = this.lastOfEachKey(manager, rows);
    if (unique.length >= COPY_MIN_ROWS && (await this.copied(manager, unique))) return;
    await this.insert(manager, unique, 'ignore');
  }

  /** Deletes the rows whose `by` columns (default: the primary key) equal one of `keys`, in one statement. */
  async delete(manager: EntityManager, keys: Array<Partial<R>>, by?: Array<keyof R & string>): Promise<void> {
    if (keys.length === 0) return;
    const spec = this.spec(manager);
    const filter = keyFilter(this.columns(spec, by), keys);
    await manager.query(`DELETE FROM ${spec.table} WHERE ${filter.sql}`, filter.params);
  }

  private columns(spec: TableSpec, by: string[] | undefined): ColumnSpec[] {
    if (!by) return spec.primary;
    return by.map((property) => {
      const column = spec.columns.find((c) => c.property === property);
      if (!column) throw new Error(`${spec.table} has no column for ${property}.`);
      return column;
    });
  }

  /** ON CONFLICT may touch a row once per statement: the last row of a key wins, as saves in order would. */
  private lastOfEachKey(manager: EntityManager, rows: R[]): R[] {
    return [...new Map(rows.map((row) => [this.keyOf(manager, row), row])).values()];
  }

  /** `rows` (one per key) in one statement. */
  private async insert(manager: EntityManager, unique: R[], onConflict: 'update' | 'ignore'): Promise<void> {
    if (unique.length === 0) return;
    const spec = this.spec(manager);
    const rest = spec.columns.filter((c) => !c.primary);
    const conflict =
      onConflict === 'ignore' || rest.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${rest.map((c) => `${c.column} = EXCLUDED.${c.column}`).join(', ')}`;
    await manager.query(
      `INSERT INTO ${spec.table} (${spec.columnList})
       SELECT ${spec.columnList} FROM jsonb_to_recordset($1::jsonb) AS r(${spec.recordType})
       ON CONFLICT (${spec.primary.map((c) => c.column).join(', ')}) ${conflict}`,
      [JSON.stringify(unique.map((row) => recordOf(spec, row)))],
    );
  }

  /**
   * `rows` (one per key, none of them stored, as far as the caller knows) by `COPY ... FROM STDIN`
   * in a savepoint of the caller's transaction. False, with nothing written, if a key was stored
   * after all (unique violation) or the session is outside a transaction.
   */
  private async copied(manager: EntityManager, rows: R[]): Promise<boolean> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive || WITHOUT_COPY.has(manager.connection)) return false;
    const spec = this.spec(manager);
    const client = (await runner.connect()) as PoolClient;
    await runner.query('SAVEPOINT row_table_copy');
    try {
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom(`COPY ${spec.table} (${spec.columnList}) FROM STDIN`));
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(copyText(spec, rows));
      });
    } catch (error) {
      // A session that cannot roll back is gone: the batch fails with the COPY's own error.
      await runner.query('ROLLBACK TO SAVEPOINT row_table_copy').catch(() => {
        throw error;
      });
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
    await runner.query('RELEASE SAVEPOINT row_table_copy');
    return true;
  }
}

const UNIQUE_VIOLATION = '23505';
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A value in COPY's text format: `\N` for null; backslash, newline, carriage return and tab
 * escaped (JSON text holds no raw newline or tab, so only its backslashes need it).
 */
function copyCell(value: unknown, column: ColumnSpec): string {
  if (value === undefined || value === null) return '\\N';
  if (column.json) {
    const json = JSON.stringify(value);
    return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
  }
  if (typeof value === 'string') return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  throw new Error(`RowTable cannot write ${typeof value} into ${column.name} (${column.sqlType}) by COPY.`);
}

/** The rows in COPY's text format: a line per row, a tab between columns, in `spec.columns`' order. */
function copyText(spec: TableSpec, rows: ObjectLiteral[]): string {
  const lines: string[] = [];
  const last = spec.columns.length - 1;
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < last; i++) line += copyCell(row[spec.columns[i]!.property], spec.columns[i]!) + '\t';
    lines.push(line + copyCell(row[spec.columns[last]!.property], spec.columns[last]!));
  }
  return lines.join('\n') + '\n';
}

/**
 * A row as one element of the batch's JSON parameter, keyed by column name. One JSON text per
 * statement instead of an array parameter per column: Node serializes it natively rather than
 * escaping every value into an array literal (a tenth of the worker's time), and PostgreSQL does
 * about the same work (one jsonb parse, where jsonb columns take their values without a second
 * one, against array_in plus jsonb_in per element). JSON null and a missing key are SQL NULL.
 */
function recordOf(spec: TableSpec, row: ObjectLiteral): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const c of spec.columns) record[c.name] = row[c.property];
  return record;
}

/**
 * The rows of one table a batch works on, in memory: `load` fetches every key the batch will
 * ask for in one query, the fold reads and replaces rows with `get`/`set` (no I/O), and `save`
 * writes the changed ones in one statement. Asking for a key that was not loaded is a bug (it
 * would be a query per event): it throws.
 */
export class BatchRows<R extends ObjectLiteral> {
  private readonly rows = new Map<string, R | null>();
  private readonly changed = new Set<string>();
  /** Keys that had no row when loaded: `save` may COPY them (`RowTable.upsert`). */
  private readonly absent = new Set<string>();

  constructor(
    private readonly table: RowTable<R>,
    private readonly manager: EntityManager,
  ) {}

  /** Loads the keys not loaded yet; a key without a row reads as null. */
  async load(keys: Iterable<Partial<R>>): Promise<void> {
    const missing = new Map<string, Partial<R>>();
    for (const key of keys) {
      const id = this.table.keyOf(this.manager, key);
      if (!this.rows.has(id)) missing.set(id, key);
    }
    if (missing.size === 0) return;
    for (const id of missing.keys()) this.rows.set(id, null);
    for (const row of await this.table.load(this.manager, [...missing.values()])) this.rows.set(this.table.keyOf(this.manager, row), row);
    for (const id of missing.keys()) if (this.rows.get(id) === null) this.absent.add(id);
  }

  has(key: Partial<R>): boolean {
    return this.rows.has(this.table.keyOf(this.manager, key));
  }

  get(key: Partial<R>): R | null {
    const id = this.table.keyOf(this.manager, key);
    const row = this.rows.get(id);
    if (row === undefined) throw new Error(`Row ${id.replace(/\u0000/g, '/')} was not loaded for this batch.`);
    return row;
  }

  set(row: R): void {
    const id = this.table.keyOf(this.manager, row);
    this.rows.set(id, row);
    this.changed.add(id);
  }

  /** Every loaded or set row (not the keys without a row). */
  values(): R[] {
    return [...this.rows.values()].filter((row): row is R => row !== null);
  }

  /** Writes the rows set since the batch began, in one upsert. */
  async save(): Promise<void> {
    await this.table.upsert(
      this.manager,
      [...this.changed].sort().map((id) => this.rows.get(id)!),
      (row) => this.absent.has(this.table.keyOf(this.manager, row)),
    );
    for (const id of this.changed) this.absent.delete(id);
    this.changed.clear();
  }
}
