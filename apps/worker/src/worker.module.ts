import { Module, type DynamicModule } from '@nestjs/common';
import type { RecertConfig } from '../../api/src/config/recert-config';
import { DatabaseModule } from '../../api/src/database/database.module';
import { loggingModule } from '../../api/src/operations/logging';
import { ProjectionsModule } from '../../api/src/projections/projections.module';

/** The worker process: the same database wiring as the API, the projection runners, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: RecertConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [DatabaseModule.forRoot(config), loggingModule(config), ProjectionsModule.forRoot()],
    };
  }
}
