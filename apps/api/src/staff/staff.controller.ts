import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { ChangeStaffRolesBody, StaffRolesChangedAnswer } from './change-staff-roles/change-staff-roles.dto';
import { ChangeStaffRolesCommand } from './change-staff-roles/change-staff-roles.handler';
import { CreateStaffAccountBody, StaffAccountCreatedAnswer } from './create-staff-account/create-staff-account.dto';
import { CreateStaffAccountCommand } from './create-staff-account/create-staff-account.handler';
import { ListStaffQuery, StaffListAnswer } from './list-staff/list-staff.dto';
import { StaffQueries } from './list-staff/staff-queries';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: StaffQueries,
  ) {}

  /** Staff accounts are for admins only, reads included. */
  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: StaffListAnswer })
  list(@Query() query: ListStaffQuery): Promise<StaffListAnswer> {
    return this.queries.list({ limit: query.limit ?? 50, cursor: query.cursor });
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: StaffAccountCreatedAnswer })
  create(@Body() body: CreateStaffAccountBody, @Meta() meta: RequestMeta): Promise<StaffAccountCreatedAnswer> {
    return this.commandBus.execute(new CreateStaffAccountCommand(body, meta));
  }

  @Post(':staffId/roles')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: StaffRolesChangedAnswer })
  changeRoles(
    @Param('staffId', new ParseUUIDPipe({ exceptionFactory: () => staffNotFound() })) staffId: string,
    @Body() body: ChangeStaffRolesBody,
    @Meta() meta: RequestMeta,
  ): Promise<StaffRolesChangedAnswer> {
    return this.commandBus.execute(new ChangeStaffRolesCommand(staffId, body, meta));
  }
}

function staffNotFound() {
  return new NotFoundException({ code: 'STAFF_NOT_FOUND', message: 'There is no staff account with that id.' });
}
