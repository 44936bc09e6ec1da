import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { authProviders } from '@county/auth';
import { PlatformModule } from '@county/service-kit';
import { CaseCommands } from './cases/case-commands';
import { Queues } from './cases/queues';
import { GetCaseController } from './cases/get-case/get-case.controller';
import { TriageController } from './cases/triage/triage.controller';
import { DispatchCaseController } from './cases/dispatch-case/dispatch-case.controller';
import { TransfersController } from './cases/transfers/transfers.controller';
import { ReviewController } from './cases/review/review.controller';
import { ExtensionsController } from './cases/extensions/extensions.controller';
import { PausesController } from './cases/pauses/pauses.controller';
import { Projections } from './projections/projections';
import { ResponsibilityListController } from './responsibility-list/responsibility-list.controller';
import { ResponsibilityListStore } from './responsibility-list/responsibility-list.store';
import { RouteReceivedCase } from './routing/route-received-case';
import { UnitRequestsConsumer } from './unit-requests/unit-requests.consumer';
import { DISPATCH_MIGRATIONS } from './migrations';
import { DISPATCH_ENTITIES } from './projections/case-queues.entities';
import { Reopens, ReopensConsumer } from './reopens/reopens';

@Module({})
export class AppModule {
  static register(logger: Logger, env?: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'dispatch', logger, env, migrations: DISPATCH_MIGRATIONS, entities: DISPATCH_ENTITIES })],
      controllers: [
        GetCaseController,
        TriageController,
        DispatchCaseController,
        TransfersController,
        ReviewController,
        ExtensionsController,
        PausesController,
        ResponsibilityListController,
        // the consumer groups (Kafka handlers, delivered by the platform's event transport)
        RouteReceivedCase,
        UnitRequestsConsumer,
        ReopensConsumer,
      ],
      providers: [...authProviders(env), CaseCommands, Queues, Projections, ResponsibilityListStore, Reopens],
    };
  }
}
