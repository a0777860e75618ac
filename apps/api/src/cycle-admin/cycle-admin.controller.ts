import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { CycleMilestoneBody, RunStarted } from './cycle-admin.dto';
import { CycleMilestones } from './cycle-milestones.service';
import type { RunProgress } from '../jobs/run-store';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CycleAdminController {
  constructor(private readonly milestones: CycleMilestones) {}

  /** D2.3: the deadline has passed; the not complete move to late reporting (in the background). */
  @Post(':cycle/close')
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({ type: RunStarted })
  close(@Param('cycle') cycle: string, @Body() body: CycleMilestoneBody, @Meta() meta: RequestMeta): Promise<RunStarted> {
    return this.milestones.close(cycle, body.asOf, meta);
  }

  /** D2.4: the late window is over; the not complete expire (in the background). */
  @Post(':cycle/expire')
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({ type: RunStarted })
  expire(@Param('cycle') cycle: string, @Body() body: CycleMilestoneBody, @Meta() meta: RequestMeta): Promise<RunStarted> {
    return this.milestones.expire(cycle, body.asOf, meta);
  }

  @Get(':cycle/runs/:jobId')
  run(@Param('cycle') cycle: string, @Param('jobId') jobId: string): Promise<RunProgress> {
    return this.milestones.progress(cycle, jobId);
  }
}
