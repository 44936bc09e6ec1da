// npm run migrate [-- --show] [-- --service <name>[,<name>...]]
//
// Applies each service's pending schema migrations (the event store's, then the service's own),
// one service after the other, under the same advisory lock the services take at start, so it is
// safe beside running instances. With --show it applies nothing and lists, per service, every
// migration with [x] applied or [ ] pending. Connects with the PG* variables the services read
// (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE); every service has its own schema.
import pino from 'pino';
import { SERVICE_NAMES, type ServiceName } from '@county/contracts';
import { migrationStates, runMigrations } from '@county/event-store';
import { createDataSource, loadConfig } from '@county/service-kit';
import { OWN_MIGRATIONS } from './service-migrations';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run migrate [-- --show] [-- --service ${SERVICE_NAMES.join(',')}]\n`);
  process.exit(2);
}

function parse(args: string[]): { show: boolean; services: ServiceName[] } {
  let show = false;
  let services: ServiceName[] = [...SERVICE_NAMES];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--show') show = true;
    else if (a === '--service' || a.startsWith('--service=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!value) usage('--service needs a name');
      const names = value.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
      if (unknown.length) usage(`unknown service: ${unknown.join(', ')}`);
      services = names as ServiceName[];
    } else usage(`unknown argument: ${a}`);
  }
  return { show, services };
}

async function main(): Promise<number> {
  const { show, services } = parse(process.argv.slice(2));
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
  let failed = 0;
  for (const service of services) {
    const config = loadConfig(service);
    const dataSource = createDataSource({ ...config, postgres: { ...config.postgres, max: 2 } }, { migrations: OWN_MIGRATIONS[service], logger });
    try {
      await dataSource.initialize();
      if (show) {
        const states = await migrationStates(dataSource);
        const pending = states.filter((m) => !m.applied).length;
        process.stdout.write(`${service} (schema ${config.schema}): ${states.length} migrations, ${pending} pending\n`);
        for (const m of states) process.stdout.write(`  [${m.applied ? 'x' : ' '}] ${m.name}\n`);
      } else {
        const applied = await runMigrations(dataSource);
        process.stdout.write(applied.length ? `${service} (schema ${config.schema}): applied ${applied.join(', ')}\n` : `${service} (schema ${config.schema}): nothing pending\n`);
      }
    } catch (err) {
      failed += 1;
      process.stderr.write(`${service}: ${err instanceof Error ? err.message : String(err)}\n`);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
