import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ChangeStaffRolesHandler } from './change-staff-roles/change-staff-roles.handler';
import { CreateStaffAccountHandler } from './create-staff-account/create-staff-account.handler';
import { FirstAdmin } from './first-admin';
import { StaffQueries } from './list-staff/staff-queries';
import { StaffController } from './staff.controller';

/** Staff accounts are events (`staff-<id>`); the first admin comes from the environment. */
@Module({
  imports: [CommandsModule],
  controllers: [StaffController],
  providers: [FirstAdmin, CreateStaffAccountHandler, ChangeStaffRolesHandler, StaffQueries],
})
export class StaffModule {}
