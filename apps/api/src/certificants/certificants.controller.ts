import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { certificantStream } from '@recert/domain';
import { Roles } from '../auth/roles';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { KeyedByEvents } from '../idempotency/idempotency.interceptor';
import { CertificantCommandAnswer } from './certificant-command.dto';
import { CertificantHistoryAnswer, CertificantHistoryQuery } from './certificant-history/certificant-history.dto';
import { CertificantHistoryQueryService } from './certificant-history/certificant-history.query';
import { CertificantProfileQuery } from './certificant-profile/certificant-profile.query';
import { CertificantListAnswer, CertificantSearchQuery } from './certificant-search/certificant-search.dto';
import { CertificantSearchQueryService } from './certificant-search/certificant-search.query';
import { EarnCertificationBody } from './earn-certification/earn-certification.dto';
import { EarnCertificationCommand } from './earn-certification/earn-certification.handler';
import { MergeAccountsAnswer, MergeAccountsBody } from './merge-accounts/merge-accounts.dto';
import { MergeAccountsCommand } from './merge-accounts/merge-accounts.handler';
import { PassExamBody } from './pass-exam/pass-exam.dto';
import { PassExamCommand } from './pass-exam/pass-exam.handler';
import { ReceiveCertificationDocumentsBody } from './receive-certification-documents/receive-certification-documents.dto';
import { ReceiveCertificationDocumentsCommand } from './receive-certification-documents/receive-certification-documents.handler';
import { RecordCprAedBody } from './record-cpr-aed/record-cpr-aed.dto';
import { RecordCprAedCommand } from './record-cpr-aed/record-cpr-aed.handler';
import { RegisterCertificantBody, RegisteredAnswer } from './register-certificant/register-certificant.dto';
import { RegisterCertificantCommand } from './register-certificant/register-certificant.handler';

/** The stream a certificant's own commands write (their Idempotency-Key is kept by the event store, ADR 14). */
const certificantStreamOf = (params: Record<string, string>) => certificantStream(params.id);

@ApiTags('certificants')
@ApiBearerAuth()
@Controller('certificants')
export class CertificantsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly profiles: CertificantProfileQuery,
    private readonly searches: CertificantSearchQueryService,
    private readonly histories: CertificantHistoryQueryService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('staff')
  @ApiCreatedResponse({ type: RegisteredAnswer })
  register(@Body() body: RegisterCertificantBody, @Meta() meta: RequestMeta): Promise<RegisteredAnswer> {
    return this.commandBus.execute(new RegisterCertificantCommand(body, meta));
  }

  @Get()
  @ApiOkResponse({ type: CertificantListAnswer })
  search(@Query() query: CertificantSearchQuery) {
    return this.searches.search({
      q: query.q,
      status: query.status,
      certification: query.certification,
      cycle: query.cycle,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  profile(@Param('id') id: string) {
    return this.profiles.profile(id);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: CertificantHistoryAnswer })
  history(@Param('id') id: string, @Query() query: CertificantHistoryQuery) {
    return this.histories.history(id, { limit: query.limit ?? 100, cursor: query.cursor });
  }

  @Post(':id/certifications')
  @KeyedByEvents(certificantStreamOf)
  @HttpCode(201)
  @Roles('staff')
  @ApiCreatedResponse({ type: CertificantCommandAnswer })
  earnCertification(@Param('id') id: string, @Body() body: EarnCertificationBody, @Meta() meta: RequestMeta): Promise<CertificantCommandAnswer> {
    return this.commandBus.execute(new EarnCertificationCommand(id, body, meta));
  }

  @Post(':id/certifications/:certification/documents')
  @KeyedByEvents(certificantStreamOf)
  @HttpCode(201)
  @Roles('staff')
  @ApiCreatedResponse({ type: CertificantCommandAnswer })
  receiveCertificationDocuments(
    @Param('id') id: string,
    @Param('certification') certification: string,
    @Body() body: ReceiveCertificationDocumentsBody,
    @Meta() meta: RequestMeta,
  ): Promise<CertificantCommandAnswer> {
    return this.commandBus.execute(new ReceiveCertificationDocumentsCommand(id, certification, body, meta));
  }

  @Post(':id/cpr-aed')
  @KeyedByEvents(certificantStreamOf)
  @HttpCode(201)
  @Roles('staff')
  @ApiCreatedResponse({ type: CertificantCommandAnswer })
  recordCprAed(@Param('id') id: string, @Body() body: RecordCprAedBody, @Meta() meta: RequestMeta): Promise<CertificantCommandAnswer> {
    return this.commandBus.execute(new RecordCprAedCommand(id, body, meta));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: MergeAccountsAnswer })
  merge(@Param('id') id: string, @Body() body: MergeAccountsBody, @Meta() meta: RequestMeta): Promise<MergeAccountsAnswer> {
    return this.commandBus.execute(new MergeAccountsCommand(id, body, meta));
  }

  @Post(':id/exam-passed')
  @KeyedByEvents(certificantStreamOf)
  @HttpCode(201)
  @Roles('staff')
  @ApiCreatedResponse({ type: CertificantCommandAnswer })
  passExam(@Param('id') id: string, @Body() body: PassExamBody, @Meta() meta: RequestMeta): Promise<CertificantCommandAnswer> {
    return this.commandBus.execute(new PassExamCommand(id, body, meta));
  }
}
