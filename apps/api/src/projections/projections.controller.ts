import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Projections } from '@recert/read-models';
import { Roles } from '../auth/roles';
import { ProjectionsAnswer } from './projection-status.dto';
import { RebuildJobs } from './rebuild-jobs';
import { RebuildRunAnswer, RebuildStarted } from './rebuild.dto';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly projections: Projections,
    private readonly rebuilds: RebuildJobs,
  ) {}

  /** Rebuilds a read model into fresh tables and swaps them in, as a job (admin; 404 PROJECTION_NOT_FOUND for an unknown name). */
  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({ type: RebuildStarted })
  rebuild(@Param('name') name: string): Promise<RebuildStarted> {
    return this.rebuilds.start(name);
  }

  @Get(':name/rebuilds/:jobId')
  @ApiOkResponse({ type: RebuildRunAnswer })
  rebuildRun(@Param('name') name: string, @Param('jobId') jobId: string): Promise<RebuildRunAnswer> {
    return this.rebuilds.progress(name, jobId);
  }

  @Get()
  @ApiOperation({ summary: 'Each projection: position, head, lag, status, last error and parked streams' })
  @ApiOkResponse({ type: ProjectionsAnswer })
  async list(): Promise<ProjectionsAnswer> {
    const [statuses, parked] = await Promise.all([this.projections.status(), this.projections.parkedStreams()]);
    return {
      items: statuses.map((status) => ({
        name: status.name,
        version: status.version,
        status: status.status,
        position: Number(status.position.globalPosition),
        head: Number(status.head.globalPosition),
        lag: status.lag,
        owner: status.owner,
        lastError: status.lastError,
        lastErrorAt: status.lastErrorAt,
        parkedStreams: status.parkedStreams,
        parked: parked
          .filter((stream) => stream.projection === status.name)
          .map((stream) => ({
            streamId: stream.streamId,
            fromRevision: stream.fromRevision,
            eventType: stream.eventType,
            position: Number(stream.position.globalPosition),
            parkedEvents: stream.parkedEvents,
            error: stream.error,
            parkedAt: stream.parkedAt,
            retryRequestedAt: stream.retryRequestedAt,
          })),
        rebuild: status.rebuild && {
          version: status.rebuild.version,
          position: Number(status.rebuild.position.globalPosition),
          eventsDone: status.rebuild.eventsDone,
          startedAt: status.rebuild.startedAt,
        },
      })),
      nextCursor: null,
    };
  }
}
