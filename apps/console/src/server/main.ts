import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { ConsoleModule } from './console.module';
import { loadConsoleSettings, type ConsoleSettings } from './settings';
import { serviceProxy } from './proxy';

/** Where `vite build` puts the single-page application. */
export const DEFAULT_WEB_ROOT = join(__dirname, '..', '..', 'dist', 'web');

/**
 * The console: the single-page application, the five services under one origin (/svc/<service>/...),
 * and the session (/console/api/...). PORT 0 picks a free port.
 */
export async function startConsole(env: NodeJS.ProcessEnv = process.env, options: { webRoot?: string } = {}): Promise<INestApplication> {
  const settings: ConsoleSettings = loadConsoleSettings(env, options.webRoot ?? env.CONSOLE_WEB_ROOT ?? DEFAULT_WEB_ROOT);
  const app = await NestFactory.create(ConsoleModule.register(settings), { bodyParser: false, logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  // the proxy streams bodies through untouched; only the console's own API parses JSON
  app.use('/svc', serviceProxy(settings));
  app.use('/console/api', express.json({ limit: '16kb' }));
  app.use('/health', (_req: express.Request, res: express.Response) => res.json({ status: 'ok' }));
  if (existsSync(join(settings.webRoot, 'index.html'))) {
    app.use(express.static(settings.webRoot, { index: false, maxAge: '1h' }));
    // every other GET is a screen of the single-page application
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/console/api')) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(join(settings.webRoot, 'index.html'));
    });
  }
  await app.listen(settings.port, settings.host);
  return app;
}

export function consoleUrl(app: INestApplication): string {
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}

if (require.main === module) {
  startConsole().then(
    (app) => console.log(`console listening on ${consoleUrl(app)}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
