import fc from 'fast-check';
import { fold } from '../shared/decider';
import { completeHistory, cycleContext, cptOnly } from '../cycle/fixtures';
import { cycleDecider } from '../cycle/decider';
import { statusOf } from '../cycle/commands';
import type { CycleFacts } from '../status/cycle-facts';
import { staffContext } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import { verificationCode, type CertificateContext } from './certificate';
import { certificateDecider } from './decider';
import type { CertificateIssued } from './events';

const cycleState = fold(cycleDecider, completeHistory);
const statusOn = (audit: CycleFacts['audit'] = null) => statusOf(cycleState, { cycle: '2018-2020' }, { ...cycleContext, ...cptOnly, audit }, '2020-12-15');
const context: CertificateContext = { ...staffContext, today: '2020-12-15', status: statusOn(), seed: '9f1c2e' };
const expectCertificate = deciderSpec(certificateDecider, context);

const issue = { type: 'IssueCertificate' as const, certificantId: 'c-1', cycle: '2018-2020', certification: 'NSCA-CPT' as const, certificateId: 'cert-1' };
const issued: CertificateIssued = {
  type: 'CertificateIssued',
  data: {
    certificateId: 'cert-1',
    certificantId: 'c-1',
    cycle: '2018-2020',
    certification: 'NSCA-CPT',
    issuedOn: '2020-12-15',
    validThrough: '2023-12-31',
    verificationCode: verificationCode('9f1c2e', 'c-1', '2018-2020', 'NSCA-CPT'),
    withDistinction: false,
  },
};

describe('IssueCertificate', () => {
  it('D7.1 D7.2 D4.7 a complete certification gets its certificate, valid through the end of the next cycle', () => {
    expectCertificate.given([]).when(issue).then([issued]);
  });

  it('D5.5 the certificate of someone selected for audit waits until the audit is done', () => {
    expectCertificate.given([]).when(issue, { status: statusOn({ auditId: 'au-1', status: 'open', selectedOn: '2020-06-01' }) }).thenThrows('CERTIFICATE_AUDIT_PENDING');
    expect(expectCertificate.given([]).when(issue, { status: statusOn({ auditId: 'au-1', status: 'passed', selectedOn: '2020-06-01', closedOn: '2020-07-01' }) }).events()).toHaveLength(1);
  });

  it('D7.1 refuses a certification that is not complete', () => {
    expectCertificate.given([]).when({ ...issue, certification: 'CSCS' }).thenThrows('CERTIFICATE_NOT_READY');
  });

  it('D7.2 changes nothing when issued again: once per certification and cycle (idempotent)', () => {
    expectCertificate.given([issued]).when({ ...issue, certificateId: 'cert-2' }).thenNothing();
  });

  it('D7.2 the verification code is derived from the injected seed: same seed, same code; readable characters', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (seed, certificantId) => {
        const code = verificationCode(seed, certificantId, '2024-2026', 'CSCS');
        expect(code).toBe(verificationCode(seed, certificantId, '2024-2026', 'CSCS'));
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
      }),
    );
    expect(verificationCode('a', 'c-1', '2024-2026', 'CSCS')).not.toBe(verificationCode('a', 'c-1', '2024-2026', 'TSAC-F'));
  });
});
