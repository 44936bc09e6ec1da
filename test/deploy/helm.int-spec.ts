// deploy/helm without a cluster: helm (built by deploy/local) lints and renders the chart for
// development and production values; every rendered manifest is validated against the
// Kubernetes API schemas vendored in deploy/helm/schemas (the operators' resources structurally);
// production refuses development secrets; and the chart agrees with the services' settings
// (CONFIG_ENV_VARS), docker-compose.yml, deploy/local and the AsyncAPI document.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { SERVICE_NAMES } from '@county/contracts';
import { CONFIG_ENV_VARS, DEFAULT_PORTS, loadConfig } from '@county/service-kit';
import { DEFAULT_TOKEN_SECRET } from '@county/auth';
import { enginesHome } from '@county/testing';
import { loadEvaluationSettings } from '../../apps/evaluation/src/settings';

const root = path.join(__dirname, '..', '..');
const chart = path.join(root, 'deploy/helm/county-appeals');
const schemaFile = fs.readdirSync(path.join(root, 'deploy/helm/schemas')).find((f) => /^kubernetes-v[\d.]+\.json$/.test(f))!;
const kubeVersion = schemaFile.replace(/^kubernetes-v|\.json$/g, '');
const helmBin = path.join(enginesHome(), 'bin', 'helm');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function helm(args: string[]): string {
  return execFileSync(helmBin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

function helmFails(args: string[]): string {
  try {
    helm(args);
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  }
  throw new Error(`helm ${args.join(' ')} rendered, but should have refused`);
}

const secret = () => randomBytes(32).toString('base64url');
const productionSecrets = () => ['PGPASSWORD', 'RESIDENT_ID_KEY', 'AUTH_TOKEN_SECRET', 'EVALUATION_CALLBACK_TOKEN'].flatMap((k) => ['--set', `secrets.${k}=${secret()}`]);
const PROD = ['-f', path.join(chart, 'values-production.yaml')];

function render(extra: string[] = []): Manifest[] {
  const out = helm(['template', 'county', chart, '--namespace', 'county', '--kube-version', kubeVersion, ...extra]);
  return parseAllDocuments(out)
    .map((d) => d.toJSON() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

// ------------------------------------------------------------------ schemas

const k8s = JSON.parse(fs.readFileSync(path.join(root, 'deploy/helm/schemas', schemaFile), 'utf8')) as { kinds: Record<string, string>; definitions: Record<string, unknown> };
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'k8s', definitions: k8s.definitions });

// The operators' custom resources, checked for the fields the chart sets and the operators require.
const str = { type: 'string', minLength: 1 };
const int = { type: 'integer' };
const meta = { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' } } };
const CRDS: Record<string, object> = {
  'kafka.strimzi.io/v1beta2/KafkaTopic': {
    type: 'object',
    required: ['metadata', 'spec'],
    properties: {
      metadata: { ...meta, required: ['name', 'labels'], properties: { ...meta.properties, labels: { type: 'object', required: ['strimzi.io/cluster'] } } },
      spec: { type: 'object', additionalProperties: false, required: ['topicName', 'partitions', 'replicas'], properties: { topicName: str, partitions: { type: 'integer', minimum: 1 }, replicas: { type: 'integer', minimum: 1, maximum: 32767 }, config: { type: 'object' } } },
    },
  },
  'kafka.strimzi.io/v1beta2/Kafka': {
    type: 'object',
    required: ['metadata', 'spec'],
    properties: { metadata: meta, spec: { type: 'object', required: ['kafka'], properties: { kafka: { type: 'object', required: ['listeners'], properties: { version: str, listeners: { type: 'array', minItems: 1, items: { type: 'object', required: ['name', 'port', 'type', 'tls'] } }, config: { type: 'object' } } }, entityOperator: { type: 'object' } } } },
  },
  'kafka.strimzi.io/v1beta2/KafkaNodePool': {
    type: 'object',
    required: ['metadata', 'spec'],
    properties: { metadata: meta, spec: { type: 'object', additionalProperties: false, required: ['replicas', 'roles', 'storage'], properties: { replicas: int, roles: { type: 'array', items: { enum: ['controller', 'broker'] } }, storage: { type: 'object', required: ['type'] } } } },
  },
  'postgresql.cnpg.io/v1/Cluster': {
    type: 'object',
    required: ['metadata', 'spec'],
    properties: { metadata: meta, spec: { type: 'object', required: ['instances', 'storage'], properties: { instances: { type: 'integer', minimum: 1 }, storage: { type: 'object', required: ['size'] }, postgresql: { type: 'object', properties: { parameters: { type: 'object', additionalProperties: { type: 'string' } } } }, bootstrap: { type: 'object' } } } },
  },
  'keda.sh/v1alpha1/ScaledObject': {
    type: 'object',
    required: ['metadata', 'spec'],
    properties: {
      metadata: meta,
      spec: {
        type: 'object',
        additionalProperties: false,
        required: ['scaleTargetRef', 'triggers'],
        properties: {
          scaleTargetRef: { type: 'object', required: ['name'] },
          minReplicaCount: int, maxReplicaCount: int, pollingInterval: int, cooldownPeriod: int,
          triggers: { type: 'array', minItems: 1, items: { type: 'object', required: ['type', 'metadata'], properties: { type: str, metricType: str, metadata: { type: 'object', additionalProperties: { type: 'string' } } } } },
        },
      },
    },
  },
};

const validators = new Map<string, ValidateFunction>();
function validatorFor(m: Manifest): ValidateFunction {
  const key = `${m.apiVersion}/${m.kind}`;
  let v = validators.get(key);
  if (!v) {
    const def = k8s.kinds[key];
    if (def) v = ajv.compile({ $ref: `k8s#/definitions/${def}` });
    else if (CRDS[key]) v = ajv.compile(CRDS[key]);
    else throw new Error(`no schema for ${key}: add it to deploy/helm/schemas/generate.mjs or to the custom resources here`);
    validators.set(key, v);
  }
  return v;
}

function invalid(manifests: Manifest[]): string[] {
  return manifests.flatMap((m) => {
    const v = validatorFor(m);
    const ok = v(m as unknown);
    return ok ? [] : [`${m.kind} ${m.metadata.name}: ${ajv.errorsText(v.errors, { separator: "; " })}`];
  });
}

// ------------------------------------------------------------------ tests

let dev: Manifest[];
let prod: Manifest[];

beforeAll(() => {
  if (!fs.existsSync(helmBin)) throw new Error(`helm is not installed at ${helmBin}: run npm run infra:up (deploy/local builds it)`);
  dev = render();
  prod = render([...PROD, ...productionSecrets()]);
});

describe('the chart renders and lints', () => {
  it('lints for development and production values', () => {
    expect(helm(['lint', chart, '--strict', '--kube-version', kubeVersion])).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(helm(['lint', chart, '--strict', '--kube-version', kubeVersion, ...PROD, ...productionSecrets()])).toMatch(/0 chart\(s\) failed/);
  });

  it('renders manifests that the Kubernetes API schemas accept', () => {
    expect(dev.length).toBeGreaterThan(30);
    expect(invalid(dev)).toEqual([]);
    expect(invalid(prod)).toEqual([]);
    const kinds = new Set(prod.map((m) => m.kind));
    for (const k of ['Deployment', 'Service', 'PodDisruptionBudget', 'ScaledObject', 'NetworkPolicy', 'Ingress', 'Job', 'KafkaTopic', 'Kafka', 'Cluster', 'ConfigMap', 'Secret']) expect(kinds).toContain(k);
  });

  it('validates for real: a misspelt field, a wrong type and a missing field are refused', () => {
    const deployment = structuredClone(dev.find((m) => m.kind === 'Deployment')!);
    deployment.spec.replica = 2;
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    delete deployment.spec.selector;
    const errors = invalid([deployment]).join('\n');
    expect(errors).toMatch(/must NOT have additional properties/);
    expect(errors).toMatch(/containerPort must be integer/);
    expect(errors).toMatch(/must have required property 'selector'/);
    const topic = structuredClone(dev.find((m) => m.kind === 'KafkaTopic')!);
    delete topic.spec.partitions;
    expect(invalid([topic]).join('\n')).toMatch(/partitions/);
  });
});

describe('production refuses to render what is not safe', () => {
  it('without its secrets, naming the missing one', () => {
    expect(helmFails(['template', 'county', chart, '--kube-version', kubeVersion, ...PROD])).toMatch(/secrets\.PGPASSWORD is required/);
  });

  it.each(['county', DEFAULT_TOKEN_SECRET, loadConfig('intake', {}).residentIdKey, loadEvaluationSettings({}).callbackToken, 'too-short-a-secret'])('with the development or weak secret %s', (weak) => {
    for (const key of ['PGPASSWORD', 'RESIDENT_ID_KEY', 'AUTH_TOKEN_SECRET', 'EVALUATION_CALLBACK_TOKEN']) {
      const err = helmFails(['template', 'county', chart, '--kube-version', kubeVersion, ...PROD, ...productionSecrets(), '--set', `secrets.${key}=${weak}`]);
      expect(err).toMatch(new RegExp(`secrets\\.${key} is a development value or shorter than 32 characters`));
    }
  });

  it('with the development API keys or token endpoint switched on', () => {
    expect(helmFails(['template', 'county', chart, '--kube-version', kubeVersion, ...PROD, ...productionSecrets(), '--set-string', 'config.INTAKE_SEED_DEV_KEYS=true'])).toMatch(/INTAKE_SEED_DEV_KEYS must be "false"/);
    expect(helmFails(['template', 'county', chart, '--kube-version', kubeVersion, ...PROD, ...productionSecrets(), '--set-string', 'config.HANDLING_DEV_TOKENS=on'])).toMatch(/HANDLING_DEV_TOKENS must be "off"/);
  });

  it('renders production with a Secret managed elsewhere, and creates none of its own', () => {
    const withExisting = render([...PROD, '--set', 'secrets.existingSecret=county-prod-secrets']);
    expect(withExisting.filter((m) => m.kind === 'Secret')).toEqual([]);
    const refs = withExisting.filter((m) => m.kind === 'Deployment').map((d) => d.spec.template.spec.containers[0].envFrom[1].secretRef.name);
    expect(new Set(refs)).toEqual(new Set(['county-prod-secrets']));
  });

  it('with fewer partitions on a topic than the largest replica count', () => {
    expect(helmFails(['template', 'county', chart, '--kube-version', kubeVersion, '--set', 'kafka.topics.dispatch.partitions=4'])).toMatch(/kafka\.topics\.dispatch\.partitions is 4, fewer than the largest replica count 6/);
    expect(helmFails(['template', 'county', chart, '--kube-version', kubeVersion, '--set', 'serviceDefaults.autoscaling.enabled=false', '--set', 'services.handling.replicas=20'])).toMatch(/fewer than the largest replica count 20/);
  });
});

describe('the chart agrees with the services, docker-compose and the AsyncAPI document', () => {
  const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, { command?: string[]; ports?: string[] }> };
  const deployments = () => new Map(dev.filter((m) => m.kind === 'Deployment').map((d) => [d.metadata.labels!['app.kubernetes.io/name'], d]));

  it('runs every service (the console off by default) on its port, with the compose command', () => {
    const d = deployments();
    expect([...d.keys()].sort()).toEqual([...SERVICE_NAMES].sort());
    for (const name of SERVICE_NAMES) {
      const c = d.get(name)!.spec.template.spec.containers[0];
      expect(c.ports[0].containerPort).toBe(DEFAULT_PORTS[name]);
      expect(compose.services[name].ports).toEqual([`${DEFAULT_PORTS[name]}:${DEFAULT_PORTS[name]}`]);
      expect(c.command).toEqual(compose.services[name].command);
      expect(c.env).toEqual([{ name: 'PORT', value: String(DEFAULT_PORTS[name]) }]);
      const svc = dev.find((m) => m.kind === 'Service' && m.metadata.name === d.get(name)!.metadata.name)!;
      expect(svc.spec.ports[0].port).toBe(DEFAULT_PORTS[name]);
    }
    const withConsole = render(['--set', 'services.console.enabled=true']);
    const consoleDeployment = withConsole.find((m) => m.kind === 'Deployment' && m.metadata.labels!['app.kubernetes.io/name'] === 'console')!;
    expect(consoleDeployment.spec.template.spec.containers[0].ports[0].containerPort).toBe(3000);
    expect(invalid(withConsole)).toEqual([]);
  });

  it('gives every service every setting of CONFIG_ENV_VARS from its ConfigMap or Secret, and nothing else', () => {
    const configMap = dev.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'county-county-appeals-config')!;
    const secretKeys = Object.keys(dev.find((m) => m.kind === 'Secret' && m.metadata.name === 'county-county-appeals-secrets')!.stringData!);
    for (const [name, d] of deployments()) {
      const c = d.spec.template.spec.containers[0];
      expect(c.envFrom.map((e: { configMapRef?: { name: string }; secretRef?: { name: string } }) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual([configMap.metadata.name, 'county-county-appeals-secrets']);
      const names = [...c.env.map((e: { name: string }) => e.name), ...Object.keys(configMap.data!), ...secretKeys];
      expect({ name, names: [...new Set(names)].sort() }).toEqual({ name, names: [...CONFIG_ENV_VARS].sort() });
    }
    // the services start without migrating: the Job has done it, before them
    expect(configMap.data!.MIGRATE_ON_START).toBe('false');
    const job = dev.find((m) => m.kind === 'Job' && m.metadata.name.endsWith('-migrate'))!;
    expect(job.metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const script = job.spec.template.spec.containers[0].command.join(' ');
    for (const name of SERVICE_NAMES) expect(script).toContain(`node -r ./scripts/register.js apps/${name}/src/main.ts --migrate-only`);
  });

  it('probes /health, drains on termination, and has a disruption budget and an autoscaler per service', () => {
    for (const [name, d] of deployments()) {
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      // ready only when the engines answer and the consumers run; alive (never restarted) while it waits for them
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      for (const probe of ['startupProbe', 'livenessProbe']) expect(c[probe].httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.resources.requests.cpu).toBeDefined();
      expect(c.resources.limits.memory).toBeDefined();
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      expect(pod.topologySpreadConstraints.map((t: { topologyKey: string }) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
      const full = d.metadata.name;
      expect(dev.find((m) => m.kind === 'PodDisruptionBudget' && m.metadata.name === full)).toBeDefined();
      expect(dev.find((m) => m.kind === 'HorizontalPodAutoscaler' && m.metadata.name === full)?.spec.metrics[0].resource.name).toBe('cpu');
      expect(prod.find((m) => m.kind === 'ScaledObject' && m.metadata.name === full)?.spec.triggers.map((t: { type: string }) => t.type)).toContain('kafka');
      expect(name).toBeTruthy();
    }
  });

  it('has a KafkaTopic for every topic of the AsyncAPI document and a dead-letter topic per consumer group of the code', () => {
    const asyncapi = parse(fs.readFileSync(path.join(root, 'libs/contracts/asyncapi.yaml'), 'utf8')) as { channels: Record<string, { address: string }> };
    const topics = dev.filter((m) => m.kind === 'KafkaTopic');
    const names = topics.map((t) => t.spec.topicName as string);
    const eventTopics = names.filter((n) => !n.startsWith('county.dead-letter.'));
    expect(eventTopics.sort()).toEqual(Object.values(asyncapi.channels).map((c) => c.address).sort());
    for (const t of topics.filter((x) => !x.spec.topicName.startsWith('county.dead-letter.'))) {
      expect(t.spec.partitions).toBeGreaterThanOrEqual(6); // the largest maxReplicas of the development values
      expect(t.spec.config['retention.ms']).toBe(-1); // analytics replays the whole stream
    }
    // the consumer groups the services register (purpose: ...) are the ones the chart knows
    const source = SERVICE_NAMES.flatMap((s) => listTs(path.join(root, 'apps', s, 'src')).map((f) => [s, fs.readFileSync(f, 'utf8')] as const));
    const constants = Object.fromEntries(source.flatMap(([, text]) => [...text.matchAll(/export const (\w+) = '([\w-]+)'/g)].map((m) => [m[1], m[2]])));
    const groups = source.flatMap(([s, text]) => [...text.matchAll(/purpose: (?:'([\w-]+)'|(\w+))/g)].map((m) => `${s}.${m[1] ?? constants[m[2]]}`));
    expect(groups.length).toBeGreaterThanOrEqual(7);
    expect(names.filter((n) => n.startsWith('county.dead-letter.')).sort()).toEqual(groups.map((g) => `county.dead-letter.${g}`).sort());
  });

  it('registers the search attributes of deploy/local in the Temporal setup Job', () => {
    const local = fs.readFileSync(path.join(root, 'deploy/local/search-attributes.txt'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const job = dev.find((m) => m.kind === 'Job' && m.metadata.name.endsWith('-temporal-setup'))!;
    const script = job.spec.template.spec.containers[0].command.join('\n');
    const registered = [...script.matchAll(/search-attribute create --namespace "\$TEMPORAL_NAMESPACE" --name (\w+) --type (\w+)/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(registered.sort()).toEqual(local.sort());
    expect(Number(job.metadata.annotations!['helm.sh/hook-weight'])).toBeLessThan(0); // before the migrations
  });

  it('exposes only intake (and the console) through the Ingress', () => {
    const withConsole = render(['--set', 'services.console.enabled=true']);
    const ingress = withConsole.find((m) => m.kind === 'Ingress')!;
    const backends = ingress.spec.rules.flatMap((r: { http: { paths: { backend: { service: { name: string } } }[] } }) => r.http.paths.map((p) => p.backend.service.name));
    expect([...new Set(backends)].sort()).toEqual(['county-county-appeals-console', 'county-county-appeals-intake']);
    const policies = withConsole.filter((m) => m.kind === 'NetworkPolicy');
    const engines = policies.find((p) => p.metadata.name.endsWith('-engines'))!;
    expect(engines.spec.egress.map((e: { ports: { port: number }[] }) => e.ports[0].port)).toEqual([5432, 9092, 7233, 53]);
    const fromIngressController = policies.filter((p) => JSON.stringify(p.spec.ingress ?? []).includes('ingress-nginx')).map((p) => p.spec.podSelector.matchLabels['app.kubernetes.io/name']);
    expect(fromIngressController.sort()).toEqual(['console', 'intake']);
  });
});

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}
