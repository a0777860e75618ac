import { Module } from '@nestjs/common';
import { AuditsModule } from '../audits/audits.module';
import { CommandsModule } from '../commands/commands.module';
import { CycleAdminController } from './cycle-admin.controller';
import { CycleMilestones } from './cycle-milestones.service';
import { CycleScheduler } from './cycle-scheduler';

@Module({
  imports: [CommandsModule, AuditsModule],
  controllers: [CycleAdminController],
  providers: [CycleMilestones, CycleScheduler],
  exports: [CycleMilestones, CycleScheduler],
})
export class CycleAdminModule {}
