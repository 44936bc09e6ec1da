import { createRootLogger, createService, listen, loadConfig } from '@county/service-kit';
import { AppModule } from './app.module';

export async function startEvaluation(env: NodeJS.ProcessEnv = process.env) {
  const logger = createRootLogger(loadConfig('evaluation', env));
  const app = await createService(AppModule.register(logger, env), {
    title: 'Evaluation',
    description:
      'Return visits (callback staff send the shared secret in the X-Callback-Token header), reopen or close, KPIs per unit and period with drill-down to the cases, the three-rate score, monthly rankings (raw and adjusted for the case mix, with 95 % intervals) with red and black lists where the evidence holds, hot issues and hotspots, and a what-if replay of a past month through proposed rules. Every read endpoint answers CSV with Accept: text/csv or ?format=csv.',
    configure: (builder) => builder.addApiKey({ type: 'apiKey', in: 'header', name: 'X-Callback-Token', description: "callback staff's shared secret (EVALUATION_CALLBACK_TOKEN)" }, 'callback-token'),
    document: { securitySchemes: { 'callback-token': { header: 'X-Callback-Token', statuses: [401] } } },
  });
  const config = await listen(app);
  logger.info({ port: config.port }, `evaluation listening on http://127.0.0.1:${config.port} (docs at /docs)`);
  return app;
}

if (require.main === module) void startEvaluation();
