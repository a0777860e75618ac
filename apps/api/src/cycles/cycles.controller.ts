import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { cycleStream, type CycleStatusView } from '@recert/domain';
import { Roles } from '../auth/roles';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { KeyedByEvents } from '../idempotency/idempotency.interceptor';
import { CycleStatusQuery } from './cycle-status/cycle-status.query';
import { FeePaidAnswer, PayFeeBody } from './pay-fee/pay-fee.dto';
import { PayFeeCommand } from './pay-fee/pay-fee.handler';
import { PreviewActivityQuery, type ActivityPreviewAnswer } from './preview-activity/preview-activity.query';
import { ActivityBody, ActivityReportedAnswer } from './report-activity/report-activity.dto';
import { ReportActivityCommand } from './report-activity/report-activity.handler';
import { CycleCommandAnswer, WithdrawActivityBody } from './withdraw-activity/withdraw-activity.dto';
import { WithdrawActivityCommand } from './withdraw-activity/withdraw-activity.handler';

/** The stream a cycle's commands write (their Idempotency-Key is kept by the event store, ADR 14). */
const cycleStreamOf = (params: Record<string, string>) => cycleStream(params.certificantId, params.cycle);

/** api.md "A certificant's cycle". */
@ApiTags('cycles')
@ApiBearerAuth()
@Controller('certificants/:certificantId/cycles/:cycle')
export class CyclesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly previews: PreviewActivityQuery,
    private readonly statuses: CycleStatusQuery,
  ) {}

  @Get()
  status(@Param('certificantId') certificantId: string, @Param('cycle') cycle: string): Promise<CycleStatusView> {
    return this.statuses.get(certificantId, cycle);
  }

  @Post('activities')
  @KeyedByEvents(cycleStreamOf)
  @HttpCode(201)
  @Roles('staff')
  @ApiCreatedResponse({ type: ActivityReportedAnswer })
  report(
    @Param('certificantId') certificantId: string,
    @Param('cycle') cycle: string,
    @Body() body: ActivityBody,
    @Meta() meta: RequestMeta,
  ): Promise<ActivityReportedAnswer> {
    return this.commandBus.execute(new ReportActivityCommand(certificantId, cycle, body, meta));
  }

  @Post('activities/preview')
  @HttpCode(200)
  @Roles('staff')
  preview(@Param('certificantId') certificantId: string, @Param('cycle') cycle: string, @Body() body: ActivityBody): Promise<ActivityPreviewAnswer> {
    return this.previews.preview(certificantId, cycle, body);
  }

  @Post('activities/:activityId/withdraw')
  @KeyedByEvents(cycleStreamOf)
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: CycleCommandAnswer })
  withdraw(
    @Param('certificantId') certificantId: string,
    @Param('cycle') cycle: string,
    @Param('activityId') activityId: string,
    @Body() body: WithdrawActivityBody,
    @Meta() meta: RequestMeta,
  ): Promise<CycleCommandAnswer> {
    return this.commandBus.execute(new WithdrawActivityCommand(certificantId, cycle, activityId, body, meta));
  }

  @Post('fees')
  @KeyedByEvents(cycleStreamOf)
  @HttpCode(201)
  @Roles('staff')
  @ApiCreatedResponse({ type: FeePaidAnswer })
  payFee(@Param('certificantId') certificantId: string, @Param('cycle') cycle: string, @Body() body: PayFeeBody, @Meta() meta: RequestMeta): Promise<FeePaidAnswer> {
    return this.commandBus.execute(new PayFeeCommand(certificantId, cycle, body, meta));
  }
}
