// Runs TypeScript sources directly (apps, libs, scripts) with swc, decorators and metadata
// included, using the repository's tsconfig.json.
const path = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
