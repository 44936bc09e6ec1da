/**
 * Manage the integrating channels' API keys (stored hashed; the secret is printed once).
 *
 *   node -r ../../scripts/register.js scripts/api-keys.ts create <channel> [label] [ratePerMinute] [burst]
 *   node -r ../../scripts/register.js scripts/api-keys.ts create-centre [label]
 *   node -r ../../scripts/register.js scripts/api-keys.ts revoke <keyId>
 *   node -r ../../scripts/register.js scripts/api-keys.ts list
 *
 * Connects with the same PG* variables as the service (see libs/service-kit config).
 */
import pino from 'pino';
import { CHANNELS, type Channel } from '@county/contracts';
import { runMigrations } from '@county/event-store';
import { createDataSource, loadConfig, poolOf } from '@county/service-kit';
import { createApiKey, listApiKeys, revokeApiKey } from '../src/auth/api-keys';
import { loadIntakeSettings } from '../src/settings';
import { INTAKE_MIGRATIONS } from '../src/storage/migrations';

async function main(args: string[]): Promise<number> {
  const config = loadConfig('intake');
  const settings = loadIntakeSettings();
  const dataSource = createDataSource({ ...config, postgres: { ...config.postgres, max: 2 } }, { migrations: INTAKE_MIGRATIONS, logger: pino({ level: 'warn' }) });
  await dataSource.initialize();
  const pool = poolOf(dataSource);
  try {
    // the keys' table is intake's: bring the schema up to date as the service would
    await runMigrations(dataSource);
    const [command, ...rest] = args;
    switch (command) {
      case 'create': {
        const channel = rest[0] as Channel;
        if (!CHANNELS.includes(channel)) {
          process.stderr.write(`channel must be one of ${CHANNELS.join(', ')}\n`);
          return 2;
        }
        const { secret, key } = await createApiKey(
          pool,
          { label: rest[1] ?? `${channel} integration`, channel, role: 'channel', ratePerMinute: rest[2] ? Number(rest[2]) : undefined, burst: rest[3] ? Number(rest[3]) : undefined },
          settings,
        );
        process.stdout.write(`${JSON.stringify({ ...key, secret })}\n`);
        return 0;
      }
      case 'create-centre': {
        const { secret, key } = await createApiKey(pool, { label: rest[0] ?? 'centre staff', channel: null, role: 'centre' }, settings);
        process.stdout.write(`${JSON.stringify({ ...key, secret })}\n`);
        return 0;
      }
      case 'revoke': {
        const done = await revokeApiKey(pool, rest[0] ?? '');
        process.stdout.write(done ? `revoked ${rest[0]}\n` : `no active key ${rest[0]}\n`);
        return done ? 0 : 1;
      }
      case 'list':
        for (const k of await listApiKeys(pool)) process.stdout.write(`${JSON.stringify(k)}\n`);
        return 0;
      default:
        process.stderr.write('usage: api-keys.ts create <channel> [label] [ratePerMinute] [burst] | create-centre [label] | revoke <keyId> | list\n');
        return 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
