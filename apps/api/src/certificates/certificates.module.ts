import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { CertificatesController } from './certificates.controller';
import { CertificateIssuance } from './issue/certificate-issuance.service';
import { CertificateReadinessQuery } from './readiness/certificate-readiness.query';
import { CertificateVerificationQuery } from './verify/certificate-verification.query';

@Module({
  imports: [CommandsModule],
  controllers: [CertificatesController],
  providers: [CertificateReadinessQuery, CertificateIssuance, CertificateVerificationQuery],
  exports: [CertificateReadinessQuery],
})
export class CertificatesModule {}
