import type { RecordedEvent } from '@recert/event-store';
import { projectCertificate } from './certificates.projection';

const issued = {
  streamId: 'certificate-c-1-2021-2023-CSCS',
  streamRevision: 0,
  type: 'CertificateIssued',
  data: {
    certificateId: 'cert-1',
    certificantId: 'c-1',
    cycle: '2021-2023',
    certification: 'CSCS',
    issuedOn: '2024-02-10',
    validThrough: '2026-12-31',
    verificationCode: 'AB12-CD34-EF',
    withDistinction: false,
  },
} as unknown as RecordedEvent;

describe('certificates read model', () => {
  it('D7.2 keys a certificate by its verification code, with what verification shows', () => {
    expect(projectCertificate(issued)).toEqual({ ...(issued.data as object), streamId: 'certificate-c-1-2021-2023-CSCS' });
  });

  it('ignores other events', () => {
    expect(projectCertificate({ ...issued, type: 'SomethingElse' } as RecordedEvent)).toBeNull();
  });
});
