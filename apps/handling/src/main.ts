import { createRootLogger, createService, listen, loadConfig } from '@county/service-kit';
import { AppModule } from './app.module';

export async function startHandling(env: NodeJS.ProcessEnv = process.env) {
  const logger = createRootLogger(loadConfig('handling', env));
  const app = await createService(AppModule.register(logger, env), {
    title: 'Handling',
    description:
      "The units' workbench: the inbox, sign for, handle, ask the centre (transfer, extension, pause), submit results; " +
      'the whistle (吹哨): townships and communities call county departments, which answer, report on site and finish their part. ' +
      'Every request carries Authorization: Bearer <token> naming a person, a unit and a role; a unit sees and acts only on its own cases and the whistles addressed to it.',
    configure: (builder) => builder.addBearerAuth(),
    document: { securitySchemes: { bearer: { statuses: [401, 403] } } },
  });
  const config = await listen(app);
  logger.info({ port: config.port }, `handling listening on http://127.0.0.1:${config.port} (docs at /docs)`);
  return app;
}

if (require.main === module) void startHandling();
