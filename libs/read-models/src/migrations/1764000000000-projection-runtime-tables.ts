import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projection runtime's bookkeeping. A checkpoint row is also the projection's lease and its
 * fencing token: every batch commits only if the row still names this runner as owner and still
 * holds the position the batch started from.
 */
export class ProjectionRuntimeTables1764000000000 implements MigrationInterface {
  name = 'ProjectionRuntimeTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        projection              text PRIMARY KEY,
        version                 integer NOT NULL,
        tx_id                   bigint NOT NULL DEFAULT 0,
        global_position         bigint NOT NULL DEFAULT 0,
        owner                   text,
        lease_until             timestamptz,
        status                  text NOT NULL DEFAULT 'stopped'
                                CHECK (status IN ('running', 'rebuilding', 'stopped', 'failed')),
        last_error              text,
        last_error_at           timestamptz,
        rebuild_requested_at    timestamptz,
        rebuild_version         integer,
        rebuild_tx_id           bigint,
        rebuild_global_position bigint,
        rebuild_events_done     bigint,
        rebuild_started_at      timestamptz,
        updated_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE projection_parked_streams (
        projection           text NOT NULL,
        generation           text NOT NULL CHECK (generation IN ('live', 'rebuild')),
        stream_id            text NOT NULL,
        from_revision        integer NOT NULL,
        event_id             text NOT NULL,
        event_type           text NOT NULL,
        tx_id                bigint NOT NULL,
        global_position      bigint NOT NULL,
        parked_events        integer NOT NULL DEFAULT 1,
        last_tx_id           bigint NOT NULL,
        last_global_position bigint NOT NULL,
        error                text NOT NULL,
        parked_at            timestamptz NOT NULL DEFAULT now(),
        retry_requested_at   timestamptz,
        PRIMARY KEY (projection, generation, stream_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_parked_streams');
    await queryRunner.query('DROP TABLE projection_checkpoints');
  }
}
