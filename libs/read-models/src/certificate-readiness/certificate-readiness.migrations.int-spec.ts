/**
 * ADR 10: certificate readiness reads cycle status's tables; the migration removes what its own
 * projection left in a database that ran it (tables, checkpoint, parked streams, a rebuild's
 * shadow schema) and touches no other projection's rows.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource, MigrationInterface } from 'typeorm';
import { createDataSource } from '../data-source';
import { quoteIdent, shadowSchemaName } from '../shadow-tables';
import { DATABASE_URL } from '../testing/read-model-test-database';
import { CertificateReadinessTables1764100000002, DropCertificateReadinessTables1764600000001 } from '.';

let schema: string;
let admin: Pool;

beforeAll(async () => {
  schema = `rm_rd_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
});

afterAll(async () => {
  try {
    await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(shadowSchemaName(schema, 'certificate_readiness'))} CASCADE`);
  } finally {
    await admin.end();
  }
});

async function migrated(migrations: Array<new () => MigrationInterface>): Promise<DataSource> {
  const dataSource = createDataSource({ url: DATABASE_URL, poolSize: 1, migrations, searchPath: schema, applicationName: 'recert-read-models-test' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

const tables = async () =>
  (await admin.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema])).rows.map(
    (row) => row.table_name,
  );
const projectionsIn = async (table: string) =>
  (await admin.query<{ projection: string }>(`SELECT projection FROM ${quoteIdent(schema)}.${table} ORDER BY 1`)).rows.map((row) => row.projection);

it('drops the former readiness projection, its checkpoint, parked streams and shadow schema; down brings back empty tables', async () => {
  const before = await migrated([CertificateReadinessTables1764100000002]);
  const parked = (projection: string) =>
    before.query(
      `INSERT INTO projection_parked_streams (projection, generation, stream_id, from_revision, event_id, event_type, tx_id, global_position, last_tx_id, last_global_position, error)
       VALUES ($1, 'live', 'cycle-x-2024-2026', 0, 'e', 'ActivityReported', 1, 1, 1, 1, 'boom')`,
      [projection],
    );
  try {
    await before.query(`INSERT INTO projection_checkpoints (projection, version) VALUES ('certificate_readiness', 1), ('cycle_status', 1)`);
    await parked('certificate_readiness');
    await parked('cycle_status');
    await before.query(`INSERT INTO readiness_certificants VALUES ('x', '{}', 0)`);
    await admin.query(`CREATE SCHEMA ${quoteIdent(shadowSchemaName(schema, 'certificate_readiness'))}`);
  } finally {
    await before.destroy();
  }
  expect(await tables()).toEqual(expect.arrayContaining(['readiness_certificants', 'readiness_cycles']));

  const after = await migrated([CertificateReadinessTables1764100000002, DropCertificateReadinessTables1764600000001]);
  try {
    expect(await tables()).not.toEqual(expect.arrayContaining(['readiness_certificants']));
    expect(await tables()).not.toEqual(expect.arrayContaining(['readiness_cycles']));
    expect(await projectionsIn('projection_checkpoints')).toEqual(['cycle_status']);
    expect(await projectionsIn('projection_parked_streams')).toEqual(['cycle_status']);
    const shadow = await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [shadowSchemaName(schema, 'certificate_readiness')]);
    expect(shadow.rowCount).toBe(0);

    await after.undoLastMigration();
    expect(await tables()).toEqual(expect.arrayContaining(['readiness_certificants', 'readiness_cycles']));
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${quoteIdent(schema)}.readiness_certificants`)).rows[0].n).toBe(0);
  } finally {
    await after.destroy();
  }
});
