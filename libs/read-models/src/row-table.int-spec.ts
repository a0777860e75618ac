import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EntitySchema, type DataSource } from 'typeorm';
import { createDataSource, type DatabaseConfig } from './data-source';
import { BatchRows, COPY_MIN_ROWS, RowTable } from './row-table';
import { quoteIdent } from './shadow-tables';
import { DATABASE_URL } from './testing/read-model-test-database';

interface SampleRow {
  id: string;
  position: string;
  label: string | null;
  count: number;
  flag: boolean;
  day: string | null;
  doc: unknown;
}

const SampleEntity = new EntitySchema<SampleRow>({
  name: 'RowTableSample',
  tableName: 'row_table_samples',
  columns: {
    id: { type: 'text', primary: true },
    position: { type: 'bigint' },
    label: { type: 'text', nullable: true },
    count: { type: 'integer' },
    flag: { type: 'boolean' },
    day: { type: 'date', nullable: true },
    doc: { type: 'jsonb', nullable: true },
  },
});
const SAMPLES = new RowTable(SampleEntity);

/** Text and JSON that COPY's text format must escape, and the values it must not mangle. */
const AWKWARD = ['tab\there', 'line\nbreak', 'carriage\rreturn', 'back\\slash', '\\N', '\\.', 'quote " and \' both', 'ünïcødé ✓', ''];

function rowsFrom(from: number, count: number, variant = 0): SampleRow[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      id: `row-${String(n).padStart(5, '0')}`,
      position: String(9_007_199_254_740_993n + BigInt(n)),
      label: n % 7 === 0 ? null : `${AWKWARD[n % AWKWARD.length]} #${n}${variant ? ` v${variant}` : ''}`,
      count: n * (n % 2 === 0 ? 1 : -1),
      flag: n % 3 === 0,
      day: n % 5 === 0 ? null : `2026-0${1 + (n % 9)}-1${n % 10}`,
      doc: n % 11 === 0 ? null : { n, text: AWKWARD[(n + 3) % AWKWARD.length], nested: [{ variant }, null, true] },
    };
  });
}

let schema: string;
let admin: Pool;
let dataSource: DataSource;
const statements: string[] = [];

beforeAll(async () => {
  schema = `rm_rt_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  dataSource = await openDataSource({ synchronize: true });

});

afterAll(async () => {
  await dataSource?.destroy();
  await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
  await admin.end();
});

beforeEach(async () => {
  await dataSource.query('TRUNCATE row_table_samples');
});

/** A DataSource on the test's schema whose statements land in `statements`. */
async function openDataSource(config: Partial<DatabaseConfig>): Promise<DataSource> {
  const opened = createDataSource({ url: DATABASE_URL, poolSize: 2, entities: [SampleEntity], searchPath: schema, ...config });
  const quiet = () => undefined;
  opened.setOptions({
    logging: ['query'],
    logger: { logQuery: (sql: string) => void statements.push(sql), logQueryError: quiet, logQuerySlow: quiet, logSchemaBuild: quiet, logMigration: quiet, log: quiet },
  });
  return opened.initialize();
}

const stored = async (): Promise<SampleRow[]> => {
  const ids: Array<{ id: string }> = await dataSource.query('SELECT id FROM row_table_samples ORDER BY id');
  const rows = await dataSource.transaction((manager) => SAMPLES.load(manager, ids));
  return rows.sort((a, b) => a.id.localeCompare(b.id));
};

/** The statements TypeORM sent while `work` ran (COPY itself goes by the pg client; its savepoint does not). */
async function statementsDuring(work: () => Promise<void>): Promise<string[]> {
  statements.length = 0;
  await work();
  return statements.map((sql) => sql.replace(/\s+/g, ' ').slice(0, 60));
}
const wroteByCopy = (sql: string[]) => sql.filter((s) => s === 'RELEASE SAVEPOINT row_table_copy').length;
const wroteByInsert = (sql: string[]) => sql.filter((s) => s.startsWith('INSERT INTO "row_table_samples"')).length;

describe('RowTable writes many rows by COPY', () => {
  it('reads back, value for value, what a batch big enough for COPY wrote, awkward text and JSON included', async () => {
    const rows = rowsFrom(0, COPY_MIN_ROWS + 20);
    const sql = await statementsDuring(() => dataSource.transaction((manager) => SAMPLES.insertNew(manager, rows)));
    expect([wroteByCopy(sql), wroteByInsert(sql)]).toEqual([1, 0]);
    expect(await stored()).toEqual(rows);
  });

  it('writes the same rows by COPY as by INSERT', async () => {
    const few = rowsFrom(0, COPY_MIN_ROWS - 1);
    const byInsertSql = await statementsDuring(() => dataSource.transaction((manager) => SAMPLES.insertNew(manager, few)));
    expect([wroteByCopy(byInsertSql), wroteByInsert(byInsertSql)]).toEqual([0, 1]);
    const byInsert = await stored();
    await dataSource.query('TRUNCATE row_table_samples');
    const many = rowsFrom(0, COPY_MIN_ROWS + 1);
    await dataSource.transaction((manager) => SAMPLES.insertNew(manager, many));
    expect((await stored()).slice(0, few.length)).toEqual(byInsert);
  });

  it('falls back to INSERT when a key is stored already: the same batch twice changes nothing', async () => {
    const rows = rowsFrom(0, COPY_MIN_ROWS * 2);
    await dataSource.transaction((manager) => SAMPLES.insertNew(manager, rows));
    const changed = rowsFrom(0, COPY_MIN_ROWS * 2, 1);
    // One stored key makes the COPY fail; the savepoint keeps the transaction, and insertNew leaves stored rows as they are.
    const sql = await statementsDuring(() =>
      dataSource.transaction(async (manager) => {
        await SAMPLES.insertNew(manager, [...changed, ...rowsFrom(COPY_MIN_ROWS * 2, 5)]);
        await manager.query('SELECT 1');
      }),
    );
    expect(sql).toContain('ROLLBACK TO SAVEPOINT row_table_copy');
    expect([wroteByCopy(sql), wroteByInsert(sql)]).toEqual([0, 1]);
    expect(await stored()).toEqual([...rows, ...rowsFrom(COPY_MIN_ROWS * 2, 5)]);
  });

  it('writes by INSERT only through a DataSource opened without COPY (embedded mode)', async () => {
    const embeddedLike = await openDataSource({ copy: false });
    try {
      const rows = rowsFrom(0, COPY_MIN_ROWS * 2);
      const sql = await statementsDuring(() => embeddedLike.transaction((manager) => SAMPLES.insertNew(manager, rows)));
      expect([wroteByCopy(sql), wroteByInsert(sql)]).toEqual([0, 1]);
      expect(await stored()).toEqual(rows);
    } finally {
      await embeddedLike.destroy();
    }
  });

  it('upserts: rows said to be new go in by COPY, the others are updated, and a wrong guess still updates', async () => {
    const first = rowsFrom(0, COPY_MIN_ROWS);
    await dataSource.transaction((manager) => SAMPLES.insertNew(manager, first));
    const updated = rowsFrom(0, COPY_MIN_ROWS, 2);
    const added = rowsFrom(COPY_MIN_ROWS, COPY_MIN_ROWS);
    const stale = new Set(first.map((row) => row.id));
    const sql = await statementsDuring(() => dataSource.transaction((manager) => SAMPLES.upsert(manager, [...updated, ...added], (row) => !stale.has(row.id))));
    expect([wroteByCopy(sql), wroteByInsert(sql)]).toEqual([1, 1]);
    expect(await stored()).toEqual([...updated, ...added]);

    const again = rowsFrom(0, COPY_MIN_ROWS * 2, 3);
    await dataSource.transaction((manager) => SAMPLES.upsert(manager, again, () => true));
    expect(await stored()).toEqual(again);
  });

  it('saves a batch: rows loaded as missing go in by COPY, loaded rows are updated', async () => {
    const first = rowsFrom(0, 10);
    await dataSource.transaction((manager) => SAMPLES.insertNew(manager, first));
    const next = rowsFrom(0, COPY_MIN_ROWS + 10, 4);
    const sql = await statementsDuring(() =>
      dataSource.transaction(async (manager) => {
        const batch = new BatchRows(SAMPLES, manager);
        await batch.load(next.map(({ id }) => ({ id })));
        expect(batch.values()).toHaveLength(10);
        for (const row of next) batch.set(row);
        await batch.save();
      }),
    );
    expect([wroteByCopy(sql), wroteByInsert(sql)]).toEqual([1, 1]);
    expect(await stored()).toEqual(next);

    // Saved, rows loaded as missing are stored: saving them again in the same batch updates them.
    const fresh = rowsFrom(1000, COPY_MIN_ROWS);
    const again = await statementsDuring(() =>
      dataSource.transaction(async (manager) => {
        const batch = new BatchRows(SAMPLES, manager);
        await batch.load(fresh.map(({ id }) => ({ id })));
        for (const row of fresh) batch.set(row);
        await batch.save();
        for (const row of rowsFrom(1000, COPY_MIN_ROWS, 6)) batch.set(row);
        await batch.save();
      }),
    );
    expect([wroteByCopy(again), wroteByInsert(again)]).toEqual([1, 1]);
    expect(await stored()).toEqual([...next, ...rowsFrom(1000, COPY_MIN_ROWS, 6)]);
  });
});
