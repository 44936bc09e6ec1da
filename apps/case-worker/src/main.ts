import { createRootLogger, createService, listen, loadConfig } from '@county/service-kit';
import { AppModule } from './app.module';

export async function startCaseWorker(env: NodeJS.ProcessEnv = process.env) {
  const logger = createRootLogger(loadConfig('case-worker', env));
  const app = await createService(AppModule.register(logger, env), {
    title: 'Case worker',
    description: 'The Temporal worker of the case workflows and the Kafka -> Temporal bridge (health and metrics only).',
  });
  const config = await listen(app);
  logger.info({ port: config.port }, `case-worker listening on http://127.0.0.1:${config.port} (docs at /docs)`);
  return app;
}

if (require.main === module) void startCaseWorker();
