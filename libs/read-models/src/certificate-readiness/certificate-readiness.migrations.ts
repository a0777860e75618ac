import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent, shadowSchemaName } from '../shadow-tables';

/**
 * Certificate readiness (D7.1, D5.5) had a projection of its own, `certificate_readiness`, whose
 * two tables held the same folded states as cycle status's (the certificant, each cycle with its
 * audit). Readiness now reads cycle status's tables (ADR 10); these migrations are its history:
 * the first created the copies, the second removes them with the projection's runtime rows.
 */
export class CertificateReadinessTables1764100000002 implements MigrationInterface {
  name = 'CertificateReadinessTables1764100000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE readiness_certificants (
      certificant_id text CONSTRAINT "PK_readiness_certificants" PRIMARY KEY,
      state jsonb NOT NULL, last_revision integer NOT NULL)`);
    await runner.query(`CREATE TABLE readiness_cycles (
      cycle text NOT NULL, certificant_id text NOT NULL, state jsonb NOT NULL,
      last_revision integer NOT NULL, audit jsonb,
      CONSTRAINT "PK_readiness_cycles" PRIMARY KEY (cycle, certificant_id))`);
    await runner.query('CREATE INDEX "IDX_readiness_cycles_certificant" ON readiness_cycles (certificant_id)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE readiness_cycles');
    await runner.query('DROP TABLE readiness_certificants');
  }
}

const FORMER_PROJECTION = 'certificate_readiness';

/**
 * Drops the former projection's tables, its checkpoint and parked streams, and the shadow schema a
 * rebuild of it may have left. Down brings back the empty tables only: the projection's code is
 * gone, so nothing would fill them.
 */
export class DropCertificateReadinessTables1764600000001 implements MigrationInterface {
  name = 'DropCertificateReadinessTables1764600000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS readiness_cycles');
    await runner.query('DROP TABLE IF EXISTS readiness_certificants');
    await runner.query('DELETE FROM projection_parked_streams WHERE projection = $1', [FORMER_PROJECTION]);
    await runner.query('DELETE FROM projection_checkpoints WHERE projection = $1', [FORMER_PROJECTION]);
    const [{ schema }] = (await runner.query('SELECT current_schema() AS schema')) as [{ schema: string }];
    await runner.query(`DROP SCHEMA IF EXISTS ${quoteIdent(shadowSchemaName(schema, FORMER_PROJECTION))} CASCADE`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await new CertificateReadinessTables1764100000002().up(runner);
  }
}
