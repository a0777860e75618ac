import { Global, Inject, Module, type BeforeApplicationShutdown, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { EventStore } from '@recert/event-store';
import { Projections, type Projection } from '@recert/read-models';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, EVENT_STORE } from '../database/tokens';
import { ConsistentReadInterceptor } from './consistent-read.interceptor';
import { PROJECTION_LIST, projectionListProvider } from './projection-list';
import { ProjectionRunners } from './projection-runners';
import { ProjectionsController } from './projections.controller';
import { RebuildJobs } from './rebuild-jobs';

/**
 * The read side of this process: the runners (none in `api` mode), the `Projections` service that
 * answers status, lag, parked streams and read-your-writes waits from the checkpoint table (so it
 * works whichever process runs the runners), GET /projections and `?consistent=true`.
 */
@Global()
@Module({})
export class ProjectionsModule implements BeforeApplicationShutdown {
  constructor(@Inject(Projections) private readonly projections: Projections) {}

  static forRoot(): DynamicModule {
    return {
      module: ProjectionsModule,
      controllers: [ProjectionsController],
      providers: [
        projectionListProvider,
        {
          provide: Projections,
          useFactory: (dataSource: DataSource, store: EventStore, projections: Projection[]) =>
            new Projections({ dataSource, store, names: projections.map((projection) => projection.name) }),
          inject: [DATA_SOURCE, EVENT_STORE, PROJECTION_LIST],
        },
        ProjectionRunners,
        RebuildJobs,
        { provide: APP_INTERCEPTOR, useClass: ConsistentReadInterceptor },
      ],
      exports: [Projections, ProjectionRunners, PROJECTION_LIST],
    };
  }

  /** Pending read-your-writes waits end before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.projections.close();
  }
}
