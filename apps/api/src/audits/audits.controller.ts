import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { AuditQueries } from './audit-queue/audit-queries';
import { AuditQueueQuery } from './audit-queue/audit-queue.dto';
import { CloseAuditAnswer, CloseAuditBody } from './close-audit/close-audit.dto';
import { CloseAuditCommand } from './close-audit/close-audit.handler';
import { DrawAnswer, DrawAuditsBody } from './draw-audits/draw-audits.dto';
import { DrawAuditsCommand } from './draw-audits/draw-audits.handler';
import { AuditCommandAnswer, ReceiveAuditDocumentBody } from './receive-audit-document/receive-audit-document.dto';
import { ReceiveAuditDocumentCommand } from './receive-audit-document/receive-audit-document.handler';
import { RecordAuditVerdictBody } from './record-audit-verdict/record-audit-verdict.dto';
import { RecordAuditVerdictCommand } from './record-audit-verdict/record-audit-verdict.handler';
import { RequestAuditDocumentsBody } from './request-audit-documents/request-audit-documents.dto';
import { RequestAuditDocumentsCommand } from './request-audit-documents/request-audit-documents.handler';

@ApiTags('audits')
@ApiBearerAuth()
@Controller('audits')
export class AuditsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: AuditQueries,
  ) {}

  @Post('draws')
  @HttpCode(201)
  @Roles('auditor')
  @ApiCreatedResponse({ type: DrawAnswer })
  draw(@Body() body: DrawAuditsBody, @Meta() meta: RequestMeta): Promise<DrawAnswer> {
    return this.commandBus.execute(new DrawAuditsCommand(body, meta));
  }

  @Get()
  queue(@Query() query: AuditQueueQuery) {
    return this.queries.queue({ status: query.status, cycle: query.cycle, limit: query.limit ?? 50, cursor: query.cursor });
  }

  @Get(':auditId')
  case(@Param('auditId') auditId: string) {
    return this.queries.case(auditId);
  }

  @Post(':auditId/document-requests')
  @HttpCode(201)
  @Roles('auditor')
  @ApiCreatedResponse({ type: AuditCommandAnswer })
  requestDocuments(@Param('auditId') auditId: string, @Body() body: RequestAuditDocumentsBody, @Meta() meta: RequestMeta): Promise<AuditCommandAnswer> {
    return this.commandBus.execute(new RequestAuditDocumentsCommand(auditId, body, meta));
  }

  @Post(':auditId/documents')
  @HttpCode(201)
  @Roles('auditor')
  @ApiCreatedResponse({ type: AuditCommandAnswer })
  receiveDocument(@Param('auditId') auditId: string, @Body() body: ReceiveAuditDocumentBody, @Meta() meta: RequestMeta): Promise<AuditCommandAnswer> {
    return this.commandBus.execute(new ReceiveAuditDocumentCommand(auditId, body, meta));
  }

  @Post(':auditId/verdicts')
  @HttpCode(201)
  @Roles('auditor')
  @ApiCreatedResponse({ type: AuditCommandAnswer })
  recordVerdict(@Param('auditId') auditId: string, @Body() body: RecordAuditVerdictBody, @Meta() meta: RequestMeta): Promise<AuditCommandAnswer> {
    return this.commandBus.execute(new RecordAuditVerdictCommand(auditId, body, meta));
  }

  @Post(':auditId/close')
  @HttpCode(200)
  @Roles('auditor')
  @ApiOkResponse({ type: CloseAuditAnswer })
  close(@Param('auditId') auditId: string, @Body() body: CloseAuditBody, @Meta() meta: RequestMeta): Promise<CloseAuditAnswer> {
    return this.commandBus.execute(new CloseAuditCommand(auditId, body, meta));
  }
}
