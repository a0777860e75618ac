import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Projections } from '@recert/read-models';
import { ProjectionsAnswer } from './projection-status.dto';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly projections: Projections) {}

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
