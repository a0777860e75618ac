import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CertificateEntity } from '@recert/read-models';
import { CertificantSearchEntity } from '@recert/read-models';
import { Clock } from '../../clock/clock';
import { DATA_SOURCE } from '../../database/tokens';
import type { VerifiedCertificate } from '../issue/issue-certificates.dto';

/** D7.2: what anyone holding a certificate's code may see, from the certificates read model. */
@Injectable()
export class CertificateVerificationQuery {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async verify(code: string): Promise<VerifiedCertificate> {
    const normalized = code.trim().toUpperCase();
    const certificate = await this.dataSource.getRepository(CertificateEntity).findOneBy({ verificationCode: normalized });
    if (!certificate) throw new NotFoundException({ code: 'CERTIFICATE_NOT_FOUND', message: `No certificate has the code ${normalized}.` });
    const holder = await this.dataSource.getRepository(CertificantSearchEntity).findOneBy({ certificantId: certificate.certificantId });
    return {
      holder: holder ? `${holder.firstName} ${holder.lastName}` : 'Unknown holder',
      certification: certificate.certification,
      cycle: certificate.cycle,
      issuedOn: certificate.issuedOn,
      validThrough: certificate.validThrough,
      withDistinction: certificate.withDistinction,
      status: certificate.validThrough < this.clock.today() ? 'expired' : 'valid',
      verificationCode: certificate.verificationCode,
    };
  }
}
