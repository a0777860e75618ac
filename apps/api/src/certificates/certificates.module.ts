import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller';
import { CertificateReadinessQuery } from './readiness/certificate-readiness.query';

@Module({
  controllers: [CertificatesController],
  providers: [CertificateReadinessQuery],
  exports: [CertificateReadinessQuery],
})
export class CertificatesModule {}
