import { Module, type DynamicModule } from '@nestjs/common';
import type { RecertConfig } from '../config/recert-config';
import { loggingModule } from './logging';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** What operators watch in the API process: pino logs with correlation ids and /metrics. /health lives in ../health. */
@Module({})
export class OperationsModule {
  static forRoot(config: RecertConfig): DynamicModule {
    return {
      module: OperationsModule,
      imports: [loggingModule(config)],
      controllers: [MetricsController],
      providers: [Metrics],
      exports: [Metrics],
    };
  }
}
