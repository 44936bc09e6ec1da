import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { PlatformModule } from '@county/service-kit';
import { ReceiveCaseController } from './cases/receive-case/receive-case.controller';
import { ReceiveCaseHandler } from './cases/receive-case/receive-case.handler';
import { GetCaseController } from './cases/get-case/get-case.controller';

/** Intake's own tables besides its event store. The resident's name and phone live only here. */
export async function migrateIntake(pool: Pool): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS intake.resident_contacts (
      case_id text PRIMARY KEY,
      name    text,
      phone   text
    );
  `);
}

@Module({})
export class AppModule {
  static register(logger: Logger, env?: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'intake', logger, env, migrations: [migrateIntake] })],
      controllers: [ReceiveCaseController, GetCaseController],
      providers: [ReceiveCaseHandler],
    };
  }
}
