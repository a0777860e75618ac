import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { QueryRunner } from 'typeorm';
import { CertificantSearchTable1764300000000 } from '../../../read-models/src/certificant-search';
import { SqlCertificantDirectory } from './certificant-directory';
import { DATABASE_URL } from './testing/import-test-world';

const schema = `dir_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
let admin: Pool;
let pool: Pool;

beforeAll(async () => {
  admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA "${schema}"`);
  pool = new Pool({ connectionString: DATABASE_URL, max: 2, options: `-c search_path="${schema}",public` });
  // The read model's own migration, so the directory is tested against the real table.
  await new CertificantSearchTable1764300000000().up({ query: (sql: string) => pool.query(sql) } as unknown as QueryRunner);
  const insert = (id: string, email: string, memberId: string | null, mergedInto: string | null = null) =>
    pool.query(
      `INSERT INTO certificant_search (certificant_id, first_name, last_name, email, member_id, sort_key, search_text, certifications, merged_into, state, last_revision)
       VALUES ($1, 'T', $1, $2, $3, $1, $1, '[]', $4, '{}', 0)`,
      [id, email, memberId, mergedInto],
    );
  await insert('c-ann', 'ann@example.org', 'M-1');
  await insert('c-sam1', 'shared@example.org', null);
  await insert('c-sam2', 'shared@example.org', 'M-2');
});

afterAll(async () => {
  await pool.end();
  await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  await admin.end();
});

it('finds accounts by member id and by email (any case), every account an email names', async () => {
  const directory = new SqlCertificantDirectory(pool);
  const matches = await directory.lookup({ memberIds: ['M-1', 'M-9'], emails: ['ANN@example.org', 'shared@example.org', 'nobody@example.org'] });
  expect(matches.byMemberId).toEqual(new Map([['M-1', ['c-ann']], ['M-9', []]]));
  expect(matches.byEmail.get('ann@example.org')).toEqual(['c-ann']);
  expect([...(matches.byEmail.get('shared@example.org') ?? [])].sort()).toEqual(['c-sam1', 'c-sam2']);
  expect(matches.byEmail.get('nobody@example.org')).toEqual([]);
});
