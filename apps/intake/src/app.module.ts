import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '@county/service-kit';
import { ApiKeyGuard, KeyCache, KeyRateLimiter, Open311KeyGuard, RequestsInFlight } from './auth/api-key.guard';
import { CaseQueries } from './cases/case-queries';
import { GetCaseController } from './cases/get-case/get-case.controller';
import { ListCasesController } from './cases/list-cases/list-cases.controller';
import { MergeCaseController } from './cases/merge-case/merge-case.controller';
import { MergeCaseHandler } from './cases/merge-case/merge-case.handler';
import { ReceiveCaseController } from './cases/receive-case/receive-case.controller';
import { ReceiveCaseHandler } from './cases/receive-case/receive-case.handler';
import { Open311Controller } from './open311/open311.controller';
import { INTAKE_SETTINGS, loadIntakeSettings } from './settings';
import { CaseStatusConsumer } from './storage/case-status.consumer';
import { INTAKE_ENTITIES } from './storage/case-view.entities';
import { INTAKE_MIGRATIONS, intakeAfterMigrate } from './storage/migrations';

@Module({})
export class AppModule {
  static register(logger: Logger, env?: NodeJS.ProcessEnv): DynamicModule {
    const settings = loadIntakeSettings(env);
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'intake', logger, env, migrations: INTAKE_MIGRATIONS, entities: INTAKE_ENTITIES, afterMigrate: intakeAfterMigrate(settings) })],
      // CaseStatusConsumer: a consumer group (Kafka handlers, delivered by the platform's event transport)
      controllers: [ReceiveCaseController, ListCasesController, GetCaseController, MergeCaseController, Open311Controller, CaseStatusConsumer],
      providers: [
        { provide: INTAKE_SETTINGS, useValue: settings },
        KeyRateLimiter,
        KeyCache,
        RequestsInFlight,
        ApiKeyGuard,
        Open311KeyGuard,
        CaseQueries,
        ReceiveCaseHandler,
        MergeCaseHandler,
      ],
    };
  }
}
