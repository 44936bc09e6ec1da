import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConsoleController } from './console.controller';
import { CONSOLE_SETTINGS } from './tokens';
import type { ConsoleSettings } from './settings';
import { OpsBoard } from './ops-board';

@Module({})
export class ConsoleModule implements OnApplicationShutdown {
  constructor(private readonly board: OpsBoard) {}

  async onApplicationShutdown(): Promise<void> {
    await this.board.close();
  }

  static register(settings: ConsoleSettings): DynamicModule {
    return { module: ConsoleModule, controllers: [ConsoleController], providers: [
        { provide: CONSOLE_SETTINGS, useValue: settings },
        { provide: OpsBoard, useFactory: () => new OpsBoard({ ...settings.temporal, uiUrl: settings.temporalUiUrl }) },
      ] };
  }
}
