import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CertificatesModule } from '../../api/src/certificates/certificates.module';
import type { RecertConfig } from '../../api/src/config/recert-config';
import { CycleAdminModule } from '../../api/src/cycle-admin/cycle-admin.module';
import { DatabaseModule } from '../../api/src/database/database.module';
import { JobsModule } from '../../api/src/jobs/jobs.module';
import { loggingModule } from '../../api/src/operations/logging';
import { ProjectionsModule } from '../../api/src/projections/projections.module';

/**
 * The worker process: the same database wiring as the API, the projection runners, and the job
 * handlers (imports, reports, rebuilds, cycle runs, issuance, the daily cycle check) working the
 * BullMQ queues, no HTTP. The feature modules come with their controllers, which nothing serves here.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: RecertConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DatabaseModule.forRoot(config),
        loggingModule(config),
        CqrsModule.forRoot(),
        ProjectionsModule.forRoot(),
        JobsModule,
        CycleAdminModule,
        CertificatesModule,
      ],
    };
  }
}
