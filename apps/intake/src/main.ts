import { createRootLogger, createService, listen, loadConfig } from '@county/service-kit';
import { AppModule } from './app.module';
import { OPEN311_ERROR_CONTENT } from './open311/open311.schemas';
import { intakeShedding } from './auth/load-shedding';
import { loadIntakeSettings } from './settings';

export async function startIntake(env: NodeJS.ProcessEnv = process.env) {
  const logger = createRootLogger(loadConfig('intake', env));
  const app = await createService(AppModule.register(logger, env), {
    title: 'Intake',
    description:
      'REST for hotline systems, grid apps and robots: every appeal becomes one case. Native API under /api/v1 (X-Api-Key header); ' +
      'Open311 GeoReport v2 under /open311/v2 (.json and .xml; api_key in the form).',
    configure: (builder) => builder.addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key'),
    document: {
      securitySchemes: { 'api-key': { header: 'X-Api-Key', statuses: [401, 403, 429] } },
      errorContent: [{ pathPrefix: '/open311/', content: OPEN311_ERROR_CONTENT }],
    },
  }, { shedding: intakeShedding(loadIntakeSettings(env)) });
  const config = await listen(app);
  logger.info({ port: config.port }, `intake listening on http://127.0.0.1:${config.port} (docs at /docs)`);
  return app;
}

if (require.main === module) void startIntake();
