/**
 * The intake benchmark (npm run bench:intake).
 *
 * Starts intake in this process on a free port of 127.0.0.1 with a database of its own (and a
 * topic prefix of its own), then measures accepted cases per second and p50/p99 latency of
 * POST /api/v1/cases at a few concurrency levels, beside two baselines measured in the same run:
 *   - bare HTTP: the same stack (Nest on Express, the same strict validation of the same DTO)
 *     answering 201 without storage;
 *   - plain INSERT: one INSERT of the same JSON into PostgreSQL per "request", same pool size.
 * The load generator runs in the same process (keep-alive HTTP, one connection per concurrent
 * caller), so every figure includes the generator's own CPU; the ratios compare like with like.
 *
 * Settings (environment): BENCH_LEVELS (1,8,32,64), BENCH_SECONDS per level and target (5),
 * BENCH_MAX_REQUESTS per level and target (20000).
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { strictValidationPipe } from '@county/service-kit';
import { createTestDatabase, serviceEnv, uniqueName } from '@county/testing';
import { startIntake } from '../apps/intake/src/main';
import { createApiKey } from '../apps/intake/src/auth/api-keys';
import { ReceiveCaseDto } from '../apps/intake/src/cases/receive-case/receive-case.dto';

const LEVELS = (process.env.BENCH_LEVELS ?? '1,8,32,64').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 20_000);
const WARM_UP = 200;

let sent = 0;

/** A new appeal each time, from a new resident (so that none is a repeat appeal of another). */
function body(): string {
  const n = sent++;
  return JSON.stringify({
    channel: 'hotline',
    channelReference: `BENCH-${randomUUID()}`,
    appealType: 'complaint',
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'normal',
    description: '小区门口有车辆长期占用消防通道',
    location: { address: '白塔村2组' },
    resident: { name: '压测', phone: `139${String(n).padStart(8, '0')}` },
    receivedAt: '2026-03-02T09:15:00+08:00',
  });
}

// ---- the bare baseline: the same HTTP stack, no storage -------------------------------------------

@Controller('api/v1/cases')
class BareController {
  @Post()
  @HttpCode(201)
  receive(@Body() dto: ReceiveCaseDto) {
    return { outcome: 'created', caseId: randomUUID(), status: 'received', receivedAt: dto.receivedAt };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function startBare(): Promise<INestApplication> {
  const app = await NestFactory.create(BareModule, { logger: false });
  app.useGlobalPipes(strictValidationPipe());
  await app.listen(0, '127.0.0.1');
  return app;
}

// ---- the load generator ----------------------------------------------------------------------------

interface Result {
  readonly accepted: number;
  readonly other: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
}

type Attempt = () => Promise<boolean>;

function httpAttempt(port: number, headers: Record<string, string>, agent: http.Agent): Attempt {
  return () =>
    new Promise<boolean>((resolve, reject) => {
      const payload = body();
      const req = http.request(
        { host: '127.0.0.1', port, path: '/api/v1/cases', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 201));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

async function run(attempt: Attempt, concurrency: number, maxRequests: number, seconds: number): Promise<Result> {
  const latencies: number[] = [];
  let accepted = 0;
  let other = 0;
  let started = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < maxRequests && performance.now() < until) {
        started++;
        const s = performance.now();
        const ok = await attempt();
        latencies.push(performance.now() - s);
        if (ok) accepted++;
        else other++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { accepted, other, seconds: elapsed, p50: q(0.5), p99: q(0.99) };
}

function row(name: string, concurrency: number, r: Result, versus?: Result): string {
  const rate = r.accepted / r.seconds;
  const ratio = versus ? ` ${((versus.accepted / versus.seconds) / rate).toFixed(2).padStart(6)}x` : '        ';
  return `${name.padEnd(14)} ${String(concurrency).padStart(4)} ${rate.toFixed(0).padStart(9)}/s ${r.p50.toFixed(2).padStart(8)} ms ${r.p99.toFixed(2).padStart(8)} ms ${String(r.accepted).padStart(7)} ${String(r.other).padStart(6)}${ratio}`;
}

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const env: NodeJS.ProcessEnv = serviceEnv({ database: db.name, topicPrefix: `${uniqueName('bench')}.` });

  const intake = await startIntake(env);
  const bare = await startBare();
  const insertPool = new Pool({ ...db.connection, max: Number(env.PG_POOL_SIZE ?? 20) });
  const agents: http.Agent[] = [];
  try {
    const { secret } = await createApiKey(db.pool, { label: 'benchmark', channel: 'hotline', role: 'channel' }, { defaultRatePerMinute: 100_000_000, defaultBurst: 1_000_000 });
    await insertPool.query('CREATE TABLE bench_insert (id uuid PRIMARY KEY, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    const port = (app: INestApplication) => (app.getHttpServer().address() as { port: number }).port;
    const insert: Attempt = async () => {
      await insertPool.query('INSERT INTO bench_insert (id, data) VALUES ($1, $2)', [randomUUID(), body()]);
      return true;
    };

    process.stdout.write(`intake benchmark: ${SECONDS} s or ${MAX_REQUESTS} requests per level and target, levels ${LEVELS.join(', ')} (127.0.0.1)\n`);
    process.stdout.write(`${'target'.padEnd(14)} conc   accepted      p50          p99     ok  other  intake/this\n`);
    for (const c of LEVELS) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: c });
      agents.push(agent);
      const intakeAttempt = httpAttempt(port(intake), { 'x-api-key': secret }, agent);
      const bareAttempt = httpAttempt(port(bare), {}, agent);
      await run(intakeAttempt, c, WARM_UP, SECONDS);
      await run(bareAttempt, c, WARM_UP, SECONDS);
      const i = await run(intakeAttempt, c, MAX_REQUESTS, SECONDS);
      const b = await run(bareAttempt, c, MAX_REQUESTS, SECONDS);
      const p = await run(insert, c, MAX_REQUESTS, SECONDS);
      process.stdout.write(`${row('intake', c, i)}\n${row('bare HTTP', c, b, i)}\n${row('plain INSERT', c, p, i)}\n`);
    }
    const stored = await db.pool.query(`SELECT count(*)::int AS n FROM intake.events WHERE event_type = 'case.received.v1'`);
    process.stdout.write(`cases stored by intake in this run (warm-up included): ${stored.rows[0].n}\n`);
    process.stdout.write('intake/this: accepted/s of intake divided by accepted/s of the baseline (below 1: intake is slower)\n');
  } finally {
    for (const a of agents) a.destroy();
    await insertPool.end();
    await bare.close();
    await intake.close();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
