// Builds each service's OpenAPI document the way its /docs-json does (the Nest app's controllers
// and DTOs read by @nestjs/swagger), without listening or connecting to any engine: the app is
// created, never initialised, so no pool, consumer or Temporal connection opens.
/* eslint-disable @nx/enforce-module-boundaries -- a build-time tool: it reads each service's
   controllers and DTOs to write the console's API types; the console's runtime imports no service. */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { completeDocument, createRootLogger, loadConfig } from '@county/service-kit';
import { AppModule as IntakeModule } from '../../intake/src/app.module';
import { AppModule as DispatchModule } from '../../dispatch/src/app.module';
import { AppModule as HandlingModule } from '../../handling/src/app.module';
import { AppModule as EvaluationModule } from '../../evaluation/src/app.module';

export const SERVICES_WITH_API = ['intake', 'dispatch', 'handling', 'evaluation'] as const;
export type ServiceWithApi = (typeof SERVICES_WITH_API)[number];

const MODULES: Record<ServiceWithApi, { register(logger: never, env: NodeJS.ProcessEnv): unknown }> = {
  intake: IntakeModule as never,
  dispatch: DispatchModule as never,
  handling: HandlingModule as never,
  evaluation: EvaluationModule as never,
};

export async function openApiDocument(service: ServiceWithApi, env: NodeJS.ProcessEnv = process.env): Promise<OpenAPIObject> {
  const quiet = { ...env, LOG_LEVEL: 'silent' };
  const logger = createRootLogger(loadConfig(service, quiet));
  const app = await NestFactory.create(MODULES[service].register(logger as never, quiet) as never, { logger: false, abortOnError: false });
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(service).setVersion('1.0').addBearerAuth().build());
  // the named answer schemas the paths refer to (components/schemas) are added by completeDocument,
  // as in the service's own /docs-json; the paths and their headers stay as the controllers say
  const complete = completeDocument(structuredClone(document));
  const schemas: Record<string, unknown> = { ...document.components?.schemas, ...complete.components?.schemas };
  // ErrorBody: every refusal's body (the document's error answers refer to it)
  document.components = { ...document.components, schemas: { ...reachable(document.paths, schemas), ErrorBody: schemas.ErrorBody } as never };
  return document;
}

/**
 * The schemas the paths refer to, directly or through other schemas. The four services' modules
 * are loaded into this one process, so the named answer schemas of all of them are registered;
 * a service's document keeps only its own, as its /docs-json does.
 */
function reachable(paths: unknown, schemas: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!(name in kept) && name in schemas) {
          kept[name] = schemas[name];
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(paths);
  return kept;
}
