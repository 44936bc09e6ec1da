// Generates kubernetes-<version>.json: JSON Schemas of the Kubernetes kinds the chart renders,
// taken from the OpenAPI document of the k8s.io/kubernetes Go module (fetched through the Go
// module proxy by `go mod download`), so that the tests validate the rendered manifests without a
// cluster or a schema host. The output is committed; run again only to move to another version:
//
//   node deploy/helm/schemas/generate.mjs [v1.34.1]
//
// Made stricter than the OpenAPI document where the API server is: unknown fields are refused
// (additionalProperties: false on every object that lists its properties), and the two
// string-or-number types (IntOrString, Quantity) take what YAML writes for them.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const version = process.argv[2] ?? 'v1.34.1';
const here = path.dirname(fileURLToPath(import.meta.url));
const KINDS = [
  ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Service'], ['v1', 'ServiceAccount'],
  ['apps/v1', 'Deployment'], ['batch/v1', 'Job'], ['policy/v1', 'PodDisruptionBudget'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['networking.k8s.io/v1', 'NetworkPolicy'], ['networking.k8s.io/v1', 'Ingress'],
];

const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], { encoding: 'utf8', cwd: here, env: { ...process.env, GOFLAGS: '-mod=mod' } }));
const swagger = JSON.parse(fs.readFileSync(path.join(info.Dir, 'api/openapi-spec/swagger.json'), 'utf8'));
const all = swagger.definitions;

const kinds = {};
for (const [apiVersion, kind] of KINDS) {
  const [group, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const name = Object.keys(all).find((d) => (all[d]['x-kubernetes-group-version-kind'] ?? []).some((g) => g.group === group && g.version === v && g.kind === kind));
  if (!name) throw new Error(`no definition for ${apiVersion} ${kind} in ${version}`);
  kinds[`${apiVersion}/${kind}`] = name;
}

const picked = {};
const visit = (name) => {
  if (picked[name]) return;
  picked[name] = structuredClone(all[name]);
  JSON.stringify(all[name], (k, val) => {
    if (k === '$ref') visit(val.replace('#/definitions/', ''));
    return val;
  });
};
Object.values(kinds).forEach(visit);

const strict = (schema) => {
  if (schema && typeof schema === 'object') {
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
    for (const v of Object.values(schema)) strict(v);
  }
};
for (const [name, def] of Object.entries(picked)) {
  if (name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') picked[name] = { description: def.description, oneOf: [{ type: 'string' }, { type: 'integer' }] };
  else if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') picked[name] = { description: def.description, oneOf: [{ type: 'string', pattern: '^[+-]?[0-9.]+([eE][+-]?[0-9]+|[a-zA-Z]{0,2})$' }, { type: 'number' }] };
  else strict(def);
}

const out = { source: `k8s.io/kubernetes ${version} api/openapi-spec/swagger.json`, kinds, definitions: picked };
const file = path.join(here, `kubernetes-${version}.json`);
fs.writeFileSync(file, `${JSON.stringify(out)}\n`);
console.log(`${file}: ${Object.keys(kinds).length} kinds, ${Object.keys(picked).length} definitions`);
