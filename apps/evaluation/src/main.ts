import { createRootLogger, createService, listen, loadConfig } from '@county/service-kit';
import { AppModule } from './app.module';

export async function startEvaluation(env: NodeJS.ProcessEnv = process.env) {
  const logger = createRootLogger(loadConfig('evaluation', env));
  const app = await createService(AppModule.register(logger, env), {
    title: 'Evaluation',
    description: 'Return visits, the three rates, rankings and hot issues.',
  });
  const config = await listen(app);
  logger.info({ port: config.port }, `evaluation listening on http://127.0.0.1:${config.port} (docs at /docs)`);
  return app;
}

if (require.main === module) void startEvaluation();
