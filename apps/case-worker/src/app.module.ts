import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { EXTRA_HEALTH_CHECK, PlatformModule } from '@county/service-kit';
import { KafkaToTemporalBridge } from './bridge/kafka-to-temporal';
import { ProactiveTaskBridge } from './bridge/proactive-task-bridge';
import { TemporalClient, TemporalWorker, WORKER_SETTINGS, workerSettings } from './temporal';

@Module({})
export class AppModule {
  static register(logger: Logger, env?: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          service: 'case-worker',
          logger,
          env,
          healthChecks: [TemporalClient, { provide: EXTRA_HEALTH_CHECK, useExisting: TemporalClient }],
        }),
      ],
      // the Kafka -> Temporal bridges: consumer groups, delivered by the platform's event transport
      controllers: [KafkaToTemporalBridge, ProactiveTaskBridge],
      providers: [TemporalWorker, { provide: WORKER_SETTINGS, useValue: workerSettings(env ?? process.env) }],
    };
  }
}
