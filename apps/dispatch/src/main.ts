import { createRootLogger, createService, listen, loadConfig } from '@county/service-kit';
import { AppModule } from './app.module';

export async function startDispatch(env: NodeJS.ProcessEnv = process.env) {
  const logger = createRootLogger(loadConfig('dispatch', env));
  const app = await createService(AppModule.register(logger, env), {
    title: 'Dispatch',
    description:
      'The centre: the responsibility list, routing, transfers, result review and extensions. ' +
      "Commands and queues need Authorization: Bearer <token> of role centre or admin; a county-level unit's leader may propose list changes for its unit, " +
      'and the unit a case is dispatched to may read that case.',
    configure: (builder) => builder.addBearerAuth(),
    document: { securitySchemes: { bearer: { statuses: [401, 403] } } },
  });
  const config = await listen(app);
  logger.info({ port: config.port }, `dispatch listening on http://127.0.0.1:${config.port} (docs at /docs)`);
  return app;
}

if (require.main === module) void startDispatch();
