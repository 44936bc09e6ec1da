// Generates the console's API types from the services' own OpenAPI documents:
//   npm run api-types -w @county/console        (or: npx nx run @county/console:api-types)
// writes web/src/lib/api/generated/<service>.ts (not committed; the typecheck target runs this first,
// so a change in a service that breaks a screen breaks the console's typecheck).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { SERVICES_WITH_API, openApiDocument } from './openapi-documents';

const OUT = join(__dirname, '..', 'web', 'src', 'lib', 'api', 'generated');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const service of SERVICES_WITH_API) {
    const document = await openApiDocument(service);
    const ast = await openapiTS(document as never, { alphabetize: true });
    const header = `// Generated from ${service}'s OpenAPI document by apps/console/scripts/generate-api-types.ts. Do not edit.\n\n`;
    writeFileSync(join(OUT, `${service}.ts`), header + astToString(ast));
    console.log(`${service}: ${Object.keys(document.paths).length} paths, ${Object.keys(document.components?.schemas ?? {}).length} schemas`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
