import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { activityTypes, type ActivityTypesAnswer } from './activity-types.query';

/** The cycle policy's activity catalogue, for any signed-in staff member. */
@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles/:cycle/activity-types')
export class ActivityTypesController {
  @Get()
  list(@Param('cycle') cycle: string): ActivityTypesAnswer {
    return activityTypes(cycle);
  }
}
