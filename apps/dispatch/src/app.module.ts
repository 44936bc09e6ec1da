import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '@county/service-kit';
import { RouteReceivedCase } from './routing/route-received-case';

@Module({})
export class AppModule {
  static register(logger: Logger, env?: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'dispatch', logger, env })],
      providers: [RouteReceivedCase],
    };
  }
}
