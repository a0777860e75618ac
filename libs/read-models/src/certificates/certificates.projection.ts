import type { CertificateEvent } from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { RowTable } from '../row-table';

/** One row per certificate (`certificate-<certificantId>-<cycle>-<certification>`): the lookup behind `GET /certificates/verify/:code` (D7.2). */
export interface CertificateRow {
  verificationCode: string;
  certificateId: string;
  certificantId: string;
  cycle: string;
  certification: string;
  issuedOn: string;
  validThrough: string;
  withDistinction: boolean;
  streamId: string;
}

export const CertificateEntity = new EntitySchema<CertificateRow>({
  name: 'Certificate',
  tableName: 'certificates',
  columns: {
    verificationCode: { name: 'verification_code', type: 'text', primary: true, primaryKeyConstraintName: 'PK_certificates' },
    certificateId: { name: 'certificate_id', type: 'text' },
    certificantId: { name: 'certificant_id', type: 'text' },
    cycle: { type: 'text' },
    certification: { type: 'text' },
    issuedOn: { name: 'issued_on', type: 'date' },
    validThrough: { name: 'valid_through', type: 'date' },
    withDistinction: { name: 'with_distinction', type: 'boolean' },
    streamId: { name: 'stream_id', type: 'text' },
  },
  indices: [{ name: 'IDX_certificates_cycle_certificant', columns: ['cycle', 'certificantId'] }],
});

export class CertificatesTable1764500000000 implements MigrationInterface {
  name = 'CertificatesTable1764500000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE certificates (
      verification_code text CONSTRAINT "PK_certificates" PRIMARY KEY,
      certificate_id text NOT NULL, certificant_id text NOT NULL, cycle text NOT NULL, certification text NOT NULL,
      issued_on date NOT NULL, valid_through date NOT NULL, with_distinction boolean NOT NULL, stream_id text NOT NULL)`);
    await runner.query('CREATE INDEX "IDX_certificates_cycle_certificant" ON certificates (cycle, certificant_id)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE certificates');
  }
}

/** Pure: a certificate is issued once per stream (D7.2); the row is keyed by its code, so a replay changes nothing. */
export function projectCertificate(recorded: RecordedEvent): CertificateRow | null {
  const event = { type: recorded.type, data: recorded.data } as CertificateEvent;
  if (event.type !== 'CertificateIssued') return null;
  const d = event.data;
  return {
    verificationCode: d.verificationCode,
    certificateId: d.certificateId,
    certificantId: d.certificantId,
    cycle: d.cycle,
    certification: d.certification,
    issuedOn: d.issuedOn,
    validThrough: d.validThrough,
    withDistinction: d.withDistinction,
    streamId: recorded.streamId,
  };
}

const CERTIFICATES = new RowTable(CertificateEntity);

export const certificatesProjection: Projection = {
  name: 'certificates',
  version: 1,
  tables: [CertificateEntity],
  handles: (type) => type === 'CertificateIssued',
  async apply(events, manager) {
    await CERTIFICATES.upsert(manager, events.map(projectCertificate).filter((row): row is CertificateRow => row !== null));
  },
};
