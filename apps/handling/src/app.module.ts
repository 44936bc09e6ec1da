import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '@county/service-kit';
import { authProviders } from '@county/auth';
import { TaskCommands } from './cases/case-commands.service';
import { ExtensionRequestController } from './cases/extension-request/extension-request.controller';
import { FirstContactController } from './cases/first-contact/first-contact.controller';
import { GetCaseController } from './cases/get-case/get-case.controller';
import { PauseRequestController } from './cases/pause-request/pause-request.controller';
import { ProgressNoteController } from './cases/progress-note/progress-note.controller';
import { ResumeRequestController } from './cases/resume-request/resume-request.controller';
import { SignForController } from './cases/sign-for/sign-for.controller';
import { SubmitPartController } from './cases/submit-part/submit-part.controller';
import { SubmitResultController } from './cases/submit-result/submit-result.controller';
import { TransferRequestController } from './cases/transfer-request/transfer-request.controller';
import { CentreFactsConsumer } from './centre-facts/centre-facts.consumer';
import { DevTokensController } from './dev/dev-tokens.controller';
import { InboxController } from './inbox/inbox.controller';
import { ReadModelRunner } from './read-model/read-model.runner';
import { HANDLING_MIGRATIONS } from './read-model/schema';
import { ProactiveTaskCommands } from './proactive-tasks/proactive-task-commands.service';
import { ProactiveTaskFactsConsumer } from './proactive-tasks/proactive-task-facts.consumer';
import { ProactiveTasksController } from './proactive-tasks/proactive-tasks.controller';
import { HANDLING_SETTINGS, loadHandlingSettings } from './settings';
import { BlowWhistleController } from './whistles/blow-whistle/blow-whistle.controller';
import { CallerActionsController } from './whistles/caller-actions/caller-actions.controller';
import { DepartmentActionsController } from './whistles/department-actions/department-actions.controller';
import { GetWhistleController } from './whistles/get-whistle/get-whistle.controller';
import { WhistleCommands } from './whistles/whistle-commands.service';

@Module({})
export class AppModule {
  static register(logger: Logger, env?: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'handling', logger, env, migrations: HANDLING_MIGRATIONS })],
      controllers: [
        InboxController,
        GetCaseController,
        SignForController,
        FirstContactController,
        ProgressNoteController,
        TransferRequestController,
        ExtensionRequestController,
        PauseRequestController,
        ResumeRequestController,
        SubmitResultController,
        SubmitPartController,
        BlowWhistleController,
        GetWhistleController,
        DepartmentActionsController,
        CallerActionsController,
        ProactiveTasksController,
        DevTokensController,
        // the consumer groups (Kafka handlers, delivered by the platform's event transport)
        CentreFactsConsumer,
        ProactiveTaskFactsConsumer,
      ],
      providers: [
        { provide: HANDLING_SETTINGS, useValue: loadHandlingSettings(env) },
        ...authProviders(env),
        TaskCommands,
        WhistleCommands,
        ReadModelRunner,
        ProactiveTaskCommands,
      ],
    };
  }
}
