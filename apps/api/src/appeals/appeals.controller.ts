import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { AppealQueries } from './appeals-queue/appeal-queries';
import { AppealsQueueQuery } from './appeals-queue/appeals-queue.dto';
import { DecideAppealBody, DecidedAnswer } from './decide-appeal/decide-appeal.dto';
import { DecideAppealCommand } from './decide-appeal/decide-appeal.handler';
import { FileAppealBody, FiledAnswer } from './file-appeal/file-appeal.dto';
import { FileAppealCommand } from './file-appeal/file-appeal.handler';
import { AppealCommandAnswer, ReceiveAppealDocumentBody } from './receive-appeal-document/receive-appeal-document.dto';
import { ReceiveAppealDocumentCommand } from './receive-appeal-document/receive-appeal-document.handler';

@ApiTags('appeals')
@ApiBearerAuth()
@Controller('appeals')
export class AppealsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: AppealQueries,
  ) {}

  /** Staff record an appeal received by mail or phone; the committee may too. */
  @Post()
  @HttpCode(201)
  @Roles('staff', 'committee')
  @ApiCreatedResponse({ type: FiledAnswer })
  file(@Body() body: FileAppealBody, @Meta() meta: RequestMeta): Promise<FiledAnswer> {
    return this.commandBus.execute(new FileAppealCommand(body, meta));
  }

  @Get()
  queue(@Query() query: AppealsQueueQuery) {
    return this.queries.queue({ status: query.status, cycle: query.cycle, certificantId: query.certificantId, limit: query.limit ?? 50, cursor: query.cursor });
  }

  @Get(':appealId')
  appeal(@Param('appealId') appealId: string) {
    return this.queries.appeal(appealId);
  }

  @Post(':appealId/documents')
  @HttpCode(201)
  @Roles('staff', 'committee')
  @ApiCreatedResponse({ type: AppealCommandAnswer })
  receiveDocument(@Param('appealId') appealId: string, @Body() body: ReceiveAppealDocumentBody, @Meta() meta: RequestMeta): Promise<AppealCommandAnswer> {
    return this.commandBus.execute(new ReceiveAppealDocumentCommand(appealId, body, meta));
  }

  /** D6.3, D6.4: the Certification Committee decides, never the maker of the appealed decision. */
  @Post(':appealId/decision')
  @HttpCode(200)
  @Roles('committee')
  @ApiOkResponse({ type: DecidedAnswer })
  decide(@Param('appealId') appealId: string, @Body() body: DecideAppealBody, @Meta() meta: RequestMeta): Promise<DecidedAnswer> {
    return this.commandBus.execute(new DecideAppealCommand(appealId, body, meta));
  }
}
