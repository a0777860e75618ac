import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Projection } from './projection';

/** Where a projection's table lives now, and where its rebuild is built. */
export interface TablePlacement {
  table: string;
  liveSchema: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The projection's table names, from TypeORM metadata; refused if an entity pins a schema. */
export function tableNamesOf(dataSource: DataSource, projection: Projection): string[] {
  return projection.tables.map((entity) => {
    const metadata = dataSource.getMetadata(entity);
    if (metadata.schema) {
      throw new Error(
        `Projection ${projection.name}: table ${metadata.tableName} names schema ${metadata.schema}; ` +
          'projection tables must be unqualified so a rebuild can build them in a shadow schema.',
      );
    }
    return metadata.tableName;
  });
}

/** Resolves each table through the session's search_path, as TypeORM's unqualified SQL does. */
export async function placeTables(runner: QueryRunner, tables: string[]): Promise<TablePlacement[]> {
  const placements: TablePlacement[] = [];
  for (const table of tables) {
    const rows: Array<{ schema: string | null }> = await runner.query(
      `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = to_regclass($1)`,
      [quoteIdent(table)],
    );
    if (!rows[0]?.schema) {
      throw new Error(`Table ${table} does not exist: run the migrations before starting projections.`);
    }
    placements.push({ table, liveSchema: rows[0].schema });
  }
  return placements;
}

/** One shadow schema per (live schema, projection); a hash keeps it under 63 bytes. */
export function shadowSchemaName(liveSchema: string, projection: string): string {
  const name = `${liveSchema}__rebuild__${projection}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
  return `${name.slice(0, 48)}_${hash}`;
}

export async function searchPathOf(runner: QueryRunner): Promise<string> {
  const rows: Array<{ search_path: string }> = await runner.query('SHOW search_path');
  return rows[0].search_path;
}

/**
 * Fresh, empty copies of the live tables (columns, defaults, checks, identity, and the indexes
 * that enforce something: primary keys, unique indexes, exclusion constraints). The other
 * indexes, those that only serve reads, are left out while the rebuild fills the tables: building
 * an index once over the finished rows costs less than keeping it up to date row by row (a
 * trigram GIN index most of all), and `buildDeferredIndexes` adds them before the swap. A
 * projection's `apply` therefore finds its rows by primary key (see `Projection`).
 */
export async function createShadowTables(runner: QueryRunner, shadow: string, placements: TablePlacement[]): Promise<void> {
  await runner.query(`DROP SCHEMA IF EXISTS ${quoteIdent(shadow)} CASCADE`);
  await runner.query(`CREATE SCHEMA ${quoteIdent(shadow)}`);
  for (const { table, liveSchema } of placements) {
    const copy = `${quoteIdent(shadow)}.${quoteIdent(table)}`;
    await runner.query(`CREATE TABLE ${copy} (LIKE ${quoteIdent(liveSchema)}.${quoteIdent(table)} INCLUDING ALL)`);
    for (const index of (await indexesOf(runner, copy)).filter(isReadOnlyIndex)) {
      await runner.query(`DROP INDEX ${quoteIdent(shadow)}.${quoteIdent(index.name)}`);
    }
  }
}

/**
 * Builds on the shadow tables the read-serving indexes that the live tables have and they lack
 * (left out by `createShadowTables`), under the live indexes' own names: the shadow schema is
 * apart from the live one, so the names are free there, and they are the names the swap keeps.
 * An index the shadow table already has is skipped.
 */
export async function buildDeferredIndexes(runner: QueryRunner, shadow: string, placements: TablePlacement[]): Promise<number> {
  let built = 0;
  for (const { table, liveSchema } of placements) {
    const copy = `${quoteIdent(shadow)}.${quoteIdent(table)}`;
    const present = (await indexesOf(runner, copy)).map((index) => index.shape);
    for (const index of (await indexesOf(runner, `${quoteIdent(liveSchema)}.${quoteIdent(table)}`)).filter(isReadOnlyIndex)) {
      const at = present.indexOf(index.shape);
      if (at >= 0) {
        present.splice(at, 1);
        continue;
      }
      await runner.query(index.shape.replace(/^(CREATE INDEX) ON USING/, `$1 ${quoteIdent(index.name)} ON ${copy} USING`));
      built += 1;
    }
  }
  return built;
}

/**
 * Moves the shadow tables into the live schema and drops the old ones, inside the caller's
 * transaction: readers see the old rows until commit and the new rows after it.
 */
export async function swapShadowTables(runner: QueryRunner, shadow: string, placements: TablePlacement[]): Promise<void> {
  const retired = `${shadow.slice(0, 55)}_retired`;
  await runner.query(`DROP SCHEMA IF EXISTS ${quoteIdent(retired)} CASCADE`);
  await runner.query(`CREATE SCHEMA ${quoteIdent(retired)}`);
  for (const { table, liveSchema } of placements) {
    await runner.query(`ALTER TABLE ${quoteIdent(liveSchema)}.${quoteIdent(table)} SET SCHEMA ${quoteIdent(retired)}`);
    await runner.query(`ALTER TABLE ${quoteIdent(shadow)}.${quoteIdent(table)} SET SCHEMA ${quoteIdent(liveSchema)}`);
    await takeOverIndexNames(runner, `${quoteIdent(retired)}.${quoteIdent(table)}`, liveSchema, `${quoteIdent(liveSchema)}.${quoteIdent(table)}`);
  }
  await runner.query(`DROP SCHEMA ${quoteIdent(retired)} CASCADE`);
  await runner.query(`DROP SCHEMA ${quoteIdent(shadow)} CASCADE`);
}

interface IndexInfo {
  name: string;
  /** `pg_get_indexdef` without the index's and the table's names: `CREATE INDEX ON USING btree (a, b) WHERE ...`. */
  shape: string;
  constraint: string | null;
  unique: boolean;
}

async function indexesOf(runner: QueryRunner, table: string): Promise<IndexInfo[]> {
  const rows: Array<{ name: string; def: string; constraint: string | null; unique: boolean }> = await runner.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, con.conname AS constraint, x.indisunique AS unique
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       LEFT JOIN pg_constraint con ON con.conindid = i.oid AND con.conrelid = x.indrelid
      WHERE x.indrelid = $1::regclass ORDER BY i.relname`,
    [table],
  );
  return rows.map(({ def, ...row }) => ({ ...row, shape: def.replace(/^(CREATE (?:UNIQUE )?INDEX) .+? ON .+? USING/, '$1 ON USING') }));
}

/** An index that enforces nothing: no constraint, not unique. Only reads need it. */
function isReadOnlyIndex(index: IndexInfo): boolean {
  return !index.unique && index.constraint === null;
}

/**
 * LIKE ... INCLUDING ALL names the copied indexes itself (`t_pkey`); migrations refer to the
 * names they created (`PK_...`), so the swapped-in table takes over the old names.
 */
async function takeOverIndexNames(runner: QueryRunner, oldTable: string, liveSchema: string, newTable: string): Promise<void> {
  const before = await indexesOf(runner, oldTable);
  const after = await indexesOf(runner, newTable);
  for (const fresh of after) {
    const old = before.find((candidate) => candidate.shape === fresh.shape && Boolean(candidate.constraint) === Boolean(fresh.constraint));
    if (!old) continue;
    before.splice(before.indexOf(old), 1);
    if (old.name === fresh.name) continue;
    if (fresh.constraint && old.constraint) {
      await runner.query(`ALTER TABLE ${newTable} RENAME CONSTRAINT ${quoteIdent(fresh.constraint)} TO ${quoteIdent(old.constraint)}`);
    } else {
      await runner.query(`ALTER INDEX ${quoteIdent(liveSchema)}.${quoteIdent(fresh.name)} RENAME TO ${quoteIdent(old.name)}`);
    }
  }
}
