import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { CertificantHistoryQueryService } from './certificant-history/certificant-history.query';
import { CertificantProfileQuery } from './certificant-profile/certificant-profile.query';
import { CertificantSearchQueryService } from './certificant-search/certificant-search.query';
import { CertificantsController } from './certificants.controller';
import { EarnCertificationHandler } from './earn-certification/earn-certification.handler';
import { MergeAccountsHandler } from './merge-accounts/merge-accounts.handler';
import { PassExamHandler } from './pass-exam/pass-exam.handler';
import { ReceiveCertificationDocumentsHandler } from './receive-certification-documents/receive-certification-documents.handler';
import { RecordCprAedHandler } from './record-cpr-aed/record-cpr-aed.handler';
import { RegisterCertificantHandler } from './register-certificant/register-certificant.handler';

@Module({
  imports: [CommandsModule],
  controllers: [CertificantsController],
  providers: [
    RegisterCertificantHandler,
    EarnCertificationHandler,
    ReceiveCertificationDocumentsHandler,
    RecordCprAedHandler,
    MergeAccountsHandler,
    PassExamHandler,
    CertificantProfileQuery,
    CertificantSearchQueryService,
    CertificantHistoryQueryService,
  ],
})
export class CertificantsModule {}
