import 'reflect-metadata';
import { NestFactory, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { DomainErrorFilter } from './errors.filter';
import { strictValidationPipe } from './validation';
import { completeDocument, type DocumentOptions } from './openapi';
import { InputGuard, PathParameterPipe, inputGuardMiddleware } from './input-guard';
import { Metrics } from './metrics';
import type { ServiceConfig } from './config';
import { CONFIG } from './tokens';
import type { Logger } from 'pino';
import { Database, ROOT_LOGGER } from './platform';
import { arrivalMiddleware, type LoadShedding } from './event-loop-lag';
import { EventTransport } from './event-transport';

export interface ServiceDocs {
  readonly title: string;
  readonly description: string;
  readonly configure?: (builder: DocumentBuilder) => DocumentBuilder;
  /** What completeDocument (openapi.ts) needs to know of the service: its security schemes' headers and statuses, its own error formats. */
  readonly document?: DocumentOptions;
}

/** How a service takes its requests, beyond what every service does. */
export interface ServiceOptions {
  /** Requests refused at once while the process runs too far behind (event-loop-lag.ts); none when absent. */
  readonly shedding?: LoadShedding;
}

/**
 * Builds a service: JSON logs, the input guard (input-guard.ts), strict validation, domain errors as HTTP, OpenAPI at /docs and /docs-json,
 * graceful shutdown, and the Kafka consumers (the @ConsumerGroup controllers) on the event transport (event-transport.ts).
 */
export async function createService(module: unknown, docs: ServiceDocs, options: ServiceOptions = {}): Promise<INestApplication> {
  // the body parsers are the input guard's (limits, UTF-8, depth), never Nest's defaults
  const app = await NestFactory.create(module as never, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(NestPinoLogger));
  // first of all, the request's time in the process, from when it is read to its answer (body
  // parsing and refusals included); then how late the event loop ran when it was read, and shedding (event-loop-lag.ts)
  const metrics = app.get(Metrics);
  app.use((req: { method: string; route?: { path: string }; path: string }, res: { statusCode: number; on(e: string, f: () => void): void }, next: () => void) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => end({ method: req.method, route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }));
    next();
  });
  const shed = metrics.requestsShed;
  app.use(arrivalMiddleware(options.shedding, () => shed.inc({ reason: 'event-loop-lag' })));
  app.use(...inputGuardMiddleware());
  app.useGlobalGuards(new InputGuard(app.get(Reflector)));
  app.useGlobalPipes(new PathParameterPipe(), strictValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();
  // a microservice of its own config: the HTTP app's pipes, guards and filters stay off the events
  app.connectMicroservice({ strategy: app.get(EventTransport) }, { inheritAppConfig: false });
  const builder = new DocumentBuilder().setTitle(docs.title).setDescription(docs.description).setVersion('1.0');
  const document = completeDocument(SwaggerModule.createDocument(app, (docs.configure ? docs.configure(builder) : builder).build()), docs.document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** `main.ts --migrate-only`: apply the schema migrations and exit, without serving (the deployment's migration job). */
export function migrateOnlyRequested(argv: readonly string[] = process.argv): boolean {
  return argv.includes('--migrate-only');
}

/**
 * Listens on the configured port (0 picks a free one), then starts the consumer groups, and returns
 * the config with the actual port once they consume (readiness, /health, is 503 until then).
 * Started with `--migrate-only`, it applies the migrations instead, closes the app and exits.
 */
export async function listen(app: INestApplication, argv: readonly string[] = process.argv): Promise<ServiceConfig> {
  const config = app.get<ServiceConfig>(CONFIG);
  if (migrateOnlyRequested(argv)) {
    let code = 0;
    try {
      await app.get(Database).migrate();
      app.get<Logger>(ROOT_LOGGER).info({ schema: config.schema }, `${config.service}: migrations applied (--migrate-only); exiting`);
    } catch (err) {
      app.get<Logger>(ROOT_LOGGER).error({ err, schema: config.schema }, `${config.service}: migrations failed`);
      code = 1;
    }
    await app.close().catch(() => undefined);
    process.exit(code);
  }
  try {
    // migrations and the outbox first (init), then HTTP, then the consumer groups (side by side):
    // while they join, /health answers 503 "starting" naming them, instead of not answering at all
    await app.init();
    // Nest hands the arguments after the port on to Node's server.listen(port, host, backlog)
    await (app.listen as unknown as (port: number, host: string, backlog: number) => Promise<unknown>).call(app, config.port, process.env.HOST ?? '0.0.0.0', LISTEN_BACKLOG);
    keepConnectionsLonger(app.getHttpServer() as Server);
    await app.startAllMicroservices();
  } catch (err) {
    // a failed start (an engine away, a port taken) must not leave pools and consumers open
    await app.close().catch(() => undefined);
    throw err;
  }
  const address = app.getHttpServer().address() as { port: number };
  return { ...config, port: address.port };
}

/**
 * How many connections the kernel keeps waiting for the service to accept them (the listen
 * backlog; Linux caps it at net.core.somaxconn, 4096 by default). Node's own is 511: a burst of
 * new connections while the event loop is busy (a storm, a pause) overflows it, and the kernel
 * drops the handshake's last step, so the caller believes it is connected while its request waits
 * out retransmissions of seconds. With room for the burst, every request is read, and a late one
 * is answered at once by load shedding.
 */
export const LISTEN_BACKLOG = 4096;

/**
 * How long an idle kept-alive connection stays open: longer than a proxy in front keeps its own
 * (60 s is the usual default of ingresses and load balancers), so that the proxy, not the service,
 * closes an idle connection. Clients (undici, Node's fetch) drop an idle connection a second
 * before the Keep-Alive hint the service sends; with Node's 5 s default, a client whose event loop
 * lags more than that second reuses a connection the service has just closed, and gets ECONNRESET.
 */
export const KEEP_ALIVE_MS = 65_000;

export function keepConnectionsLonger(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000; // above keepAliveTimeout, as Node's documentation asks
}
