// Writes libs/contracts/asyncapi.yaml from the event catalogue: npm run asyncapi
import * as fs from 'node:fs';
import { stringify } from 'yaml';
import { buildAsyncApiDocument } from '../src/asyncapi';
import { ASYNCAPI_PATH } from '../src/validation';

export function renderAsyncApi(): string {
  return (
    '# Generated from libs/contracts/src/events by `npm run asyncapi`; do not edit by hand.\n' +
    stringify(buildAsyncApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false })
  );
}

if (require.main === module) {
  fs.writeFileSync(ASYNCAPI_PATH, renderAsyncApi());
  console.log(`wrote ${ASYNCAPI_PATH}`);
}
