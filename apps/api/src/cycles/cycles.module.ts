import { Module } from '@nestjs/common';
import { AuditsModule } from '../audits/audits.module';
import { ActivityTypesController } from './activity-types/activity-types.controller';
import { CommandsModule } from '../commands/commands.module';
import { CycleRecordsReader } from './cycle-records';
import { CycleStatusQuery } from './cycle-status/cycle-status.query';
import { CyclesController } from './cycles.controller';
import { PayFeeHandler } from './pay-fee/pay-fee.handler';
import { PreviewActivityQuery } from './preview-activity/preview-activity.query';
import { ReportActivityHandler } from './report-activity/report-activity.handler';
import { WithdrawActivityHandler } from './withdraw-activity/withdraw-activity.handler';

@Module({
  // CycleStreams (reading a certificant's cycle from its streams) lives with the audits.
  imports: [CommandsModule, AuditsModule],
  controllers: [CyclesController, ActivityTypesController],
  providers: [CycleRecordsReader, CycleStatusQuery, PreviewActivityQuery, ReportActivityHandler, WithdrawActivityHandler, PayFeeHandler],
})
export class CyclesModule {}
