import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module';
import { CommandsModule } from '../commands/commands.module';
import { AuditQueries } from './audit-queue/audit-queries';
import { AuditsController } from './audits.controller';
import { CloseAuditHandler } from './close-audit/close-audit.handler';
import { CycleStreams } from './cycle-streams';
import { DrawAuditsHandler } from './draw-audits/draw-audits.handler';
import { ReceiveAuditDocumentHandler } from './receive-audit-document/receive-audit-document.handler';
import { RecordAuditVerdictHandler } from './record-audit-verdict/record-audit-verdict.handler';
import { RequestAuditDocumentsHandler } from './request-audit-documents/request-audit-documents.handler';

@Module({
  imports: [CommandsModule, CertificatesModule],
  controllers: [AuditsController],
  providers: [
    CycleStreams,
    AuditQueries,
    DrawAuditsHandler,
    RequestAuditDocumentsHandler,
    ReceiveAuditDocumentHandler,
    RecordAuditVerdictHandler,
    CloseAuditHandler,
  ],
  exports: [CycleStreams],
})
export class AuditsModule {}
