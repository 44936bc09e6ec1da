import * as fs from 'node:fs';
import * as net from 'node:net';
import { createTestDatabase, eventually, serviceEnv, uniqueName, type TestDatabase } from '@county/testing';
import { DomainError } from '@county/contracts';
import { PG_POOL } from '@county/service-kit';
import type { Pool, PoolClient } from 'pg';
import { createApiKey, findApiKey } from '../src/auth/api-keys';
import { ReceiveCaseHandler } from '../src/cases/receive-case/receive-case.handler';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { listeningUrl, spawnService, type Watched } from '../../../test/support/processes';
import { KEYS, appeal, writtenRows } from './support';

/**
 * Intake under more than it can take. A request read while the process's event loop runs more
 * than INTAKE_SHED_LAG_MS late has had its caller waiting at least that long: it is answered 429
 * INTAKE.BUSY with Retry-After at once, and nothing is stored for it. The stall here is real: the
 * intake process is stopped (SIGSTOP) while requests queue up unread in its sockets, as a starved
 * CPU or a long pause does, then let go. And a caller that hung up before its appeal was stored
 * gets no case stored for it (it was never told of one and sends its appeal again).
 */

const STALL_MS = 1_500;
const SHED_LAG_MS = 500;

describe('a stalled intake process', () => {
  let db: TestDatabase;
  let intake: Watched;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { ...serviceEnv({ database: db.name, topicPrefix: `${uniqueName('shedding')}.` }), LOG_LEVEL: 'info', INTAKE_SHED_LAG_MS: String(SHED_LAG_MS) };
    intake = spawnService('intake', env);
    base = await listeningUrl(intake, 180_000);
  }, 240_000);

  afterAll(async () => {
    if (intake?.child.pid) {
      intake.child.kill('SIGCONT');
      intake.child.kill('SIGTERM');
      await intake.exited(60_000).catch(() => intake.child.kill('SIGKILL'));
    }
    await db?.drop();
  }, 120_000);

  const post = (body: Record<string, unknown>) =>
    fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.hotline },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
  const ofResident = (i: number) => appeal({ resident: { name: '赵六', phone: `1360000${String(i).padStart(4, '0')}` } });
  const postOpen311 = (i: number) =>
    fetch(`${base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: KEYS.app, service_code: 'UM.SANITATION.GARBAGE', address_string: '白塔村2组', description: '垃圾三天没人清运', phone: `1370000${String(i).padStart(4, '0')}` }).toString(),
      signal: AbortSignal.timeout(120_000),
    });

  it('keeps a burst of new connections waiting while it is stalled, instead of the kernel dropping them, and answers each', async () => {
    const port = Number(new URL(base).port);
    const pid = intake.child.pid!;
    const burst = 1_000;
    const sockets: net.Socket[] = [];
    const answered: Promise<boolean>[] = [];
    process.kill(pid, 'SIGSTOP');
    try {
      for (let i = 0; i < burst; i++) {
        const socket = net.connect(port, '127.0.0.1');
        sockets.push(socket);
        answered.push(
          new Promise<boolean>((resolve) => {
            let text = '';
            socket.on('data', (chunk: Buffer) => {
              text += chunk.toString('latin1');
            });
            socket.on('close', () => resolve(text.startsWith('HTTP/1.1 200')));
            socket.on('error', () => resolve(false));
          }),
        );
        socket.write('GET /health/live HTTP/1.1\r\nHost: intake\r\nConnection: close\r\n\r\n');
      }
      // Node's own backlog (511) holds 512 of them; the rest would wait out SYN-ACK retransmissions
      await eventually(() => (acceptQueueOf(port) >= burst ? true : undefined), 30_000, 100).catch(() => undefined);
      expect(acceptQueueOf(port)).toBe(burst);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    try {
      expect((await Promise.all(answered)).filter((ok) => !ok)).toHaveLength(0);
    } finally {
      for (const s of sockets) s.destroy();
    }
  }, 180_000);

  it('answers what queued up during the stall 429 with Retry-After at once, in each API\'s error format, stores none of it, and takes the next request again', async () => {
    // the first case goes through as usual
    expect((await post(ofResident(0))).status).toBe(201);
    const before = await writtenRows(db.pool);
    const port = Number(new URL(base).port);
    const pid = intake.child.pid!;

    process.kill(pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    let answers: Response[];
    let open311: Response[];
    try {
      const sent = Array.from({ length: 20 }, (_, i) => post(ofResident(i + 1)));
      const sentOpen311 = Array.from({ length: 4 }, (_, i) => postOpen311(i + 1));
      // every request sits unread in one of intake's sockets (the kernel accepts connections for a stopped process)
      await eventually(() => (unreadConnectionsTo(port) >= 24 ? true : undefined), 60_000);
      // the stall itself: longer than the lag intake takes
      const left = stoppedAt + STALL_MS - Date.now();
      if (left > 0) await new Promise((r) => setTimeout(r, left));
      process.kill(pid, 'SIGCONT');
      answers = await Promise.all(sent);
      open311 = await Promise.all(sentOpen311);
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    expect({ native: answers.map((a) => a.status), open311: open311.map((a) => a.status) }).toEqual({ native: answers.map(() => 429), open311: open311.map(() => 429) });
    for (const answer of answers) {
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(await answer.json()).toMatchObject({ code: 'INTAKE.BUSY', message: expect.stringMatching(/ms behind; retry after 1 s/) });
    }
    // Open311's callers get Open311's error format
    for (const answer of open311) {
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(await answer.json()).toEqual([{ code: 429, description: expect.stringMatching(/ms behind; retry after 1 s/) }]);
    }
    expect(await writtenRows(db.pool)).toEqual(before);

    // once the loop is on time again, the next request is taken
    await eventually(async () => ((await post(ofResident(100))).status === 201 ? true : undefined), 60_000);
    const metrics = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
    const shed = Number(/http_requests_shed_total\{reason="event-loop-lag"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    expect(shed).toBeGreaterThanOrEqual(24);
    // the refused requests are in the services' request-time histogram too, as everything answered is
    const timed429 = [...metrics.matchAll(/http_request_duration_seconds_count\{[^}]*status="429"[^}]*\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(timed429).toBeGreaterThanOrEqual(24);
  }, 300_000);
});

describe('a caller that hung up', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem(['intake']);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('gets no case stored for it, whether it hung up while the appeal waited for a connection or while it was being stored', async () => {
    const handler = system.apps.intake!.get(ReceiveCaseHandler);
    const caller = (await findApiKey(system.db.pool, KEYS.hotline))!;
    const input = () => {
      const a = appeal({ resident: { name: '钱七', phone: '13500001111' } }) as never as Parameters<ReceiveCaseHandler['execute']>[0];
      return { ...a, attachments: [] };
    };
    const before = await writtenRows(system.db.pool);

    // gone before the transaction's first statement
    await expect(handler.execute(input(), { caller, correlationId: 'hung-up-1', callerGone: () => true })).rejects.toMatchObject({ code: 'INTAKE.BUSY' });
    // gone while the case was being stored: the second look, just before the commit, rolls it all back
    let looks = 0;
    const error = await handler.execute(input(), { caller, correlationId: 'hung-up-2', idempotencyKey: 'hung-up-2', callerGone: () => ++looks > 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(looks).toBe(2);
    expect(await writtenRows(system.db.pool)).toEqual(before);

    // the same appeal sent again by a caller that waits is stored once
    const answer = await handler.execute(input(), { caller, correlationId: 'hung-up-3', idempotencyKey: 'hung-up-2', callerGone: () => false });
    expect(answer.status).toBe(201);
  });

  it('answers a request beyond its in-flight limit at once, while the ones it took wait for the database, and looks a key up once for all of them', async () => {
    const { startIntake } = await import('../src/main');
    const limited = await startIntake({ ...system.env, INTAKE_MAX_IN_FLIGHT: '2' });
    const url = `http://127.0.0.1:${(limited.getHttpServer().address() as { port: number }).port}/api/v1/cases`;
    // a key no process has seen yet, so that its requests must look it up in the database
    const { secret } = await createApiKey(system.db.pool, { label: 'storm', channel: 'hotline', role: 'channel' }, { defaultRatePerMinute: 6000, defaultBurst: 200 });
    // the database is slow: whoever reads the keys waits until this transaction ends
    const blocker = await system.db.pool.connect();
    let sent: Promise<Response>[] = [];
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE intake.api_keys IN ACCESS EXCLUSIVE MODE');
      sent = Array.from({ length: 6 }, (_, i) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': secret },
          body: JSON.stringify(appeal({ resident: { name: '孙八', phone: `1330000${String(i).padStart(4, '0')}` } })),
          signal: AbortSignal.timeout(120_000),
        }),
      );
      // with the table still locked: the four beyond the limit are answered, the two taken wait, on one lookup between them
      const answered: number[] = [];
      for (const p of sent) void p.then((r) => answered.push(r.status), () => answered.push(-1));
      await eventually(() => (answered.length >= 4 ? true : undefined), 60_000);
      const lockWaiters = async () =>
        (
          await system.db.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%intake.api_keys%'`,
          )
        ).rows[0].n;
      await eventually(async () => ((await lockWaiters()) >= 1 ? true : undefined), 60_000);
      expect(answered).toEqual([429, 429, 429, 429]);
      expect(await lockWaiters()).toBe(1);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    }
    const taken = (await Promise.all(sent)).filter((r) => r.status !== 429);
    expect(taken.map((r) => r.status)).toEqual([201, 201]);
    await limited.close();
  }, 180_000);
});

describe('an appeal that waits too long for a database connection', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem([]);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('is refused 429 after INTAKE_CONNECTION_WAIT_MS with nothing stored, and taken once a connection is free', async () => {
    const { startIntake } = await import('../src/main');
    const intake = await startIntake({ ...system.env, PG_POOL_SIZE: '6', INTAKE_CONNECTION_WAIT_MS: '500' });
    const held: PoolClient[] = [];
    try {
      const handler = intake.get(ReceiveCaseHandler);
      const pool = intake.get<Pool>(PG_POOL);
      const caller = (await findApiKey(system.db.pool, KEYS.hotline))!;
      const input = () => ({ ...(appeal({ resident: { name: '周九', phone: '13500002222' } }) as never as Parameters<ReceiveCaseHandler['execute']>[0]), attachments: [] });
      const before = await writtenRows(system.db.pool);
      // every connection of intake's pool is taken, as by the appeals ahead of this one in a storm
      // (the ones its relays and consumers hold for themselves stay theirs)
      const max = (pool as Pool & { options: { max: number } }).options.max;
      while (pool.totalCount < max || pool.idleCount > 0) held.push(await pool.connect());
      const refused = await Promise.race([
        handler.execute(input(), { caller, correlationId: 'no-connection-1', idempotencyKey: 'no-connection' }).catch((e: unknown) => e),
        new Promise((r) => setTimeout(() => r('still waiting after 30 s'), 30_000)),
      ]);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: 'INTAKE.BUSY', kind: 'rate-limited', message: expect.stringMatching(/no database connection for this appeal within 500 ms/) });
      expect(await writtenRows(system.db.pool)).toEqual(before);
      for (const c of held.splice(0)) c.release();
      expect((await handler.execute(input(), { caller, correlationId: 'no-connection-2', idempotencyKey: 'no-connection' })).status).toBe(201);
    } finally {
      for (const c of held) c.release();
      await intake.close();
    }
  }, 120_000);
});

/** Connections to 127.0.0.1:port whose receiving side holds data nobody has read (Linux's /proc socket table). */
/** The connections waiting in the accept queue of the socket listening on 127.0.0.1:port or 0.0.0.0:port (Linux's /proc/net/tcp: rx_queue of the LISTEN entry). */
function acceptQueueOf(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || f[3] !== '0A' || !f[1].endsWith(`:${hex}`)) continue;
    return parseInt(f[4].split(':')[1], 16);
  }
  throw new Error(`nothing listens on port ${port}`);
}

function unreadConnectionsTo(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let n = 0;
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || f[1] !== local || f[3] !== '01') continue;
    const rx = parseInt(f[4].split(':')[1], 16);
    if (rx > 0) n += 1;
  }
  return n;
}
