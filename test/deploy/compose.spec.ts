import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { SERVICE_NAMES } from '@county/contracts';
import { CONFIG_ENV_VARS, DEFAULT_PORTS, loadConfig } from '@county/service-kit';
import { loadConsoleSettings } from '../../apps/console/src/server/settings';

const root = path.join(__dirname, '..', '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string>; ports?: string[] }>;
};
const versions = Object.fromEntries(
  fs.readFileSync(path.join(root, 'deploy/local/versions.env'), 'utf8').split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=') as [string, string]),
);

describe('docker-compose.yml agrees with deploy/local and the services', () => {
  it('has the three engines, the five services and the console', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'kafka', 'temporal', ...SERVICE_NAMES, 'console'].sort());
  });

  it('puts the console on its default port in front of each service by its compose name', () => {
    const svc = compose.services.console;
    expect(svc.command).toEqual(['node', '-r', './scripts/register.js', 'apps/console/src/server/main.ts']);
    expect(svc.ports).toEqual(['3000:3000']);
    const settings = loadConsoleSettings(svc.environment, '');
    expect(settings.port).toBe(3000);
    for (const name of SERVICE_NAMES) expect(settings.services[name]).toBe(`http://${name}:${DEFAULT_PORTS[name]}`);
  });

  it.each(SERVICE_NAMES)('%s listens on its default port and reads only variables the service knows', (name) => {
    const svc = compose.services[name];
    expect(svc.environment?.PORT).toBe(String(DEFAULT_PORTS[name]));
    expect(svc.ports).toEqual([`${DEFAULT_PORTS[name]}:${DEFAULT_PORTS[name]}`]);
    for (const key of Object.keys(svc.environment ?? {})) expect(CONFIG_ENV_VARS).toContain(key);
    expect(svc.command).toEqual(['node', '-r', './scripts/register.js', `apps/${name}/src/main.ts`]);
    const config = loadConfig(name, svc.environment);
    expect(config.postgres).toMatchObject({ host: 'postgres', port: 5432, user: 'county', database: 'county' });
    expect(config.temporal).toEqual({ address: 'temporal:7233', namespace: 'default', taskQueue: loadConfig(name, {}).temporal.taskQueue });
  });

  it('uses the engine versions pinned for deploy/local', () => {
    expect(compose.services.postgres.image).toBe(`postgres:${versions.PG_MAJOR}`);
    const kafkaTag = compose.services.kafka.image!.split(':')[1];
    expect(kafkaTag.split('.').slice(0, 2)).toEqual(versions.KAFKA_VERSION.split('.').slice(0, 2));
    expect(compose.services.temporal.image).toBe(`temporalio/temporal:${versions.TEMPORAL_CLI_VERSION.replace(/^v/, '')}`);
  });

  it('ends sessions left idle in a transaction, as deploy/local does for the services\' role', () => {
    const cmd = compose.services.postgres.command!;
    const setting = cmd.find((arg, i) => cmd[i - 1] === '-c' && arg.startsWith('idle_in_transaction_session_timeout='));
    expect(setting).toBe('idle_in_transaction_session_timeout=60s');
    const infra = fs.readFileSync(path.join(root, 'deploy/local/infra.sh'), 'utf8');
    expect(infra).toMatch(/ALTER ROLE \$PG_USER SET idle_in_transaction_session_timeout = '\$PG_IDLE_IN_TRANSACTION_TIMEOUT'/);
    expect(infra).toContain('PG_IDLE_IN_TRANSACTION_TIMEOUT="${COUNTY_PG_IDLE_IN_TRANSACTION_TIMEOUT:-60s}"');
  });

  it('registers the same search attributes as deploy/local', () => {
    const local = fs
      .readFileSync(path.join(root, 'deploy/local/search-attributes.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const cmd = compose.services.temporal.command!;
    const registered = cmd.flatMap((arg, i) => (cmd[i - 1] === '--search-attribute' ? [arg] : []));
    expect(registered.sort()).toEqual(local.sort());
    expect(cmd).toEqual(expect.arrayContaining(['--port', '7233', '--ui-port', '8233']));
  });
});

describe('the Dockerfile', () => {
  it('installs the dependencies of every workspace package', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const packages = ['apps', 'libs'].flatMap((dir) =>
      fs.readdirSync(path.join(root, dir)).filter((name) => fs.existsSync(path.join(root, dir, name, 'package.json'))).map((name) => `${dir}/${name}`),
    );
    expect(packages.length).toBeGreaterThan(5);
    for (const pkg of packages) expect(dockerfile).toContain(`COPY ${pkg}/package.json ${pkg}/`);
  });
});

describe('CONFIG_ENV_VARS', () => {
  // every variable the five services' code reads, found in their source and the libraries they run
  const read = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return read(p);
      if (!/\.ts$/.test(e.name) || /\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name)) return [];
      return [...fs.readFileSync(p, 'utf8').matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!);
    });
  const libraries = fs.readdirSync(path.join(root, 'libs')).filter((l) => l !== 'testing');
  const sources = [...SERVICE_NAMES.map((s) => `apps/${s}/src`), ...libraries.map((l) => `libs/${l}/src`)];

  it('names every variable the services read, so that Helm and compose can set each one', () => {
    const names = [...new Set(sources.flatMap((s) => read(path.join(root, s))))].sort();
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !(CONFIG_ENV_VARS as readonly string[]).includes(n))).toEqual([]);
  });
});
