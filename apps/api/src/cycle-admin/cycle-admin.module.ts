import { Module } from '@nestjs/common';
import { AuditsModule } from '../audits/audits.module';
import { CommandsModule } from '../commands/commands.module';
import { CycleAdminController } from './cycle-admin.controller';
import { CycleMilestones } from './cycle-milestones.service';

@Module({
  imports: [CommandsModule, AuditsModule],
  controllers: [CycleAdminController],
  providers: [CycleMilestones],
  exports: [CycleMilestones],
})
export class CycleAdminModule {}
