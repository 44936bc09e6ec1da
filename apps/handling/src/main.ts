import { createRootLogger, createService, listen, loadConfig } from '@county/service-kit';
import { AppModule } from './app.module';

export async function startHandling(env: NodeJS.ProcessEnv = process.env) {
  const logger = createRootLogger(loadConfig('handling', env));
  const app = await createService(AppModule.register(logger, env), {
    title: 'Handling',
    description: "The units' workbench: sign for, handle, whistle to county departments, answer, submit results.",
  });
  const config = await listen(app);
  logger.info({ port: config.port }, `handling listening on http://127.0.0.1:${config.port} (docs at /docs)`);
  return app;
}

if (require.main === module) void startHandling();
