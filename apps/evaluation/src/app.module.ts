import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '@county/service-kit';
import { authProviders } from '@county/auth';
import { CallbackStaffGuard } from './auth/callback-staff.guard';
import { FactsConsumer } from './read-model/facts.consumer';
import { FactsStore } from './read-model/facts-store';
import { EVALUATION_MIGRATIONS } from './read-model/schema';
import { CallbackQueueController } from './return-visits/callback-queue/callback-queue.controller';
import { RecordFailedAttemptController } from './return-visits/record-failed-attempt/record-failed-attempt.controller';
import { RecordReturnVisitController } from './return-visits/record-return-visit/record-return-visit.controller';
import { ReturnVisitsHandler } from './return-visits/return-visits.handler';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { EVALUATION_SETTINGS, loadEvaluationSettings } from './settings';
import { WhatIfController } from './what-if/what-if.controller';
import { GovernanceController } from './governance/governance.controller';
import { GovernanceService } from './governance/governance.service';
import { WhatIfService } from './what-if/what-if.service';

@Module({})
export class AppModule {
  static register(logger: Logger, env?: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'evaluation', logger, env, migrations: EVALUATION_MIGRATIONS })],
      // FactsConsumer: a consumer group (Kafka handlers, delivered by the platform's event transport)
      controllers: [CallbackQueueController, RecordReturnVisitController, RecordFailedAttemptController, ReportsController, WhatIfController, GovernanceController, FactsConsumer],
      providers: [
        { provide: EVALUATION_SETTINGS, useValue: loadEvaluationSettings(env) },
        CallbackStaffGuard,
        FactsStore,
        ReturnVisitsHandler,
        ReportsService,
        WhatIfService,
        GovernanceService,
        ...authProviders(env),
      ],
    };
  }
}
