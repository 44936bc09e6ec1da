// Two instances of every service, each its own process (as `npm start -- --instances 2` runs
// them), sharing one database, topic prefix, consumer groups and task queue. Cases go to both
// intakes; mid-load one instance of each service is killed with kill -9. Afterwards, read from
// Kafka and the event stores: every accepted case is dispatched once, has its deadline set once,
// and each case's events keep their order. The takeover times (relay leader, consumer groups,
// worker) are measured and printed, and written to .cache/scale-out.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Admin } from 'kafkajs';
import { Client, Connection } from '@temporalio/client';
import { TOPICS } from '@county/contracts';
import { collectMessages, createTestDatabase, serviceEnv, testKafka, uniqueName, type ReceivedMessage, type TestDatabase } from '@county/testing';
import { healthy, listeningUrl, repoRoot, spawnService, type Watched } from '../support/processes';

const SERVICES = ['intake', 'dispatch', 'handling', 'evaluation', 'case-worker'] as const;
type Service = (typeof SERVICES)[number];
const INSTANCES = 2;
const CASES_BEFORE_KILL = 24;
const CASES_AFTER_KILL = 24;

interface Instance {
  readonly service: Service;
  readonly index: number;
  /** where it listens, once it has said so */
  url: string;
  readonly proc: Watched;
}

let db: TestDatabase;
let env: NodeJS.ProcessEnv;
let topicPrefix: string;
let admin: Admin;
let outside: Awaited<ReturnType<typeof collectMessages>> | undefined;
const instances: Instance[] = [];

/** The JSON log lines a service instance printed (pino, one object a line). */
function logLines(i: Instance): { msg?: string; time?: string; component?: string }[] {
  return i.proc
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as { msg?: string; time?: string; component?: string }];
      } catch {
        return [];
      }
    });
}

/** When the instance's relay became the leader (at or after `after`), from its log line. */
const leaderSince = (i: Instance, after = 0): number | undefined =>
  logLines(i)
    .filter((l) => l.msg === 'outbox relay is the leader')
    .map((l) => Date.parse(l.time ?? ''))
    .find((t) => t >= after);

async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined> | T | undefined, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

let n = 0;
function appeal() {
  n += 1;
  return {
    channel: 'hotline',
    channelReference: `HL-SCALE-${Date.now()}-${n}`,
    appealType: 'complaint',
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'normal',
    description: `Cars block the fire lane at gate ${n}`,
    location: { gridCode: 'QH-CG-04-04' },
    resident: { name: '张三', phone: `139${String(10_000_000 + n).slice(-8)}` },
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
  };
}

async function post(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'dev-hotline-key' },
      body: JSON.stringify(appeal()),
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status !== 201) return undefined;
    return ((await res.json()) as { caseId: string }).caseId;
  } catch {
    return undefined; // the instance was killed under this request: not accepted
  }
}

async function groupsOfPrefix(): Promise<string[]> {
  const { groups } = await admin.listGroups();
  return groups.map((g) => g.groupId).filter((g) => g.startsWith(topicPrefix));
}

beforeAll(async () => {
  db = await createTestDatabase();
  topicPrefix = `${uniqueName('scale')}.`;
  env = { ...serviceEnv({ database: db.name, topicPrefix, taskQueue: uniqueName('cases') }), LOG_LEVEL: 'info' };
  admin = testKafka().admin();
  await admin.connect();
  // all ten start at once: migrations take turns by an advisory lock, topics are created by whoever comes first
  for (let index = 0; index < INSTANCES; index++) {
    for (const service of SERVICES) {
      // each picks its own port when it listens, and says which
      instances.push({ service, index, url: '', proc: spawnService(service, { ...env, PORT: '0' }) });
    }
  }
  for (const i of instances) {
    try {
      i.url = await listeningUrl(i.proc, 240_000);
      await until(`${i.service}#${i.index + 1} healthy`, 240_000, async () => {
        if (i.proc.child.exitCode !== null || i.proc.child.signalCode !== null) throw new Error(`exited (${i.proc.child.exitCode ?? i.proc.child.signalCode})`);
        return (await healthy(i.url)) ? true : undefined;
      }, 250);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- its output, last lines ---\n${i.proc.output().slice(-6000)}`);
    }
  }
}, 600_000);

afterAll(async () => {
  await outside?.stop().catch(() => undefined);
  for (const i of instances) if (i.proc.child.exitCode === null) i.proc.child.kill('SIGTERM');
  for (const i of instances) await i.proc.exited(30_000).catch(() => i.proc.child.kill('SIGKILL'));
  await admin?.disconnect();
  await db?.drop();
});

it('dispatches every case once through two instances of each service, across a kill -9 of one instance of each', async () => {
  const topics = SERVICES.map((s) => `${topicPrefix}${TOPICS[s]}`);
  outside = await collectMessages(testKafka(), topics);
  const collected = outside;
  const of = (s: Service) => instances.filter((i) => i.service === s);

  // both instances are members of every consumer group; one relay per schema leads
  const groups = await until('every consumer group has both instances', 60_000, async () => {
    const ids = await groupsOfPrefix();
    if (ids.length < 4) return undefined;
    const { groups: described } = await admin.describeGroups(ids);
    return described.every((g) => g.members.length === INSTANCES && g.state === 'Stable') ? ids : undefined;
  }, 500);
  for (const s of SERVICES) {
    const leaders = await until(`one relay leads for ${s}`, 30_000, () => {
      const l = of(s).filter((i) => leaderSince(i) !== undefined);
      return l.length >= 1 ? l : undefined;
    });
    expect(leaders).toHaveLength(1);
  }

  // load on both intakes
  const sizeBefore = (await db.pool.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0].b;
  const intakes = of('intake');
  const accepted: string[] = [];
  for (let k = 0; k < CASES_BEFORE_KILL; k++) {
    const id = await post(intakes[k % 2].url);
    if (id) accepted.push(id);
  }
  expect(accepted).toHaveLength(CASES_BEFORE_KILL);

  // kill -9 the relay leader of each service, mid-load (posts keep going while they die)
  const victims = SERVICES.map((s) => of(s).find((i) => leaderSince(i) !== undefined)!);
  const survivors = SERVICES.map((s) => of(s).find((i) => !victims.includes(i))!);
  // when each case first showed a deadline on Kafka, sampled from here on
  const cwTopic = `${topicPrefix}${TOPICS['case-worker']}`;
  const deadlineSeenAt = new Map<string, number>();
  const sample = () => {
    for (const m of collected.messages) if (m.topic === cwTopic && m.key && (m.value as { type?: string }).type === 'case.deadline-set.v1' && !deadlineSeenAt.has(m.key)) deadlineSeenAt.set(m.key, Date.now());
  };
  sample();
  const settledBeforeKill = new Set(deadlineSeenAt.keys());
  const pendingAtKill = accepted.filter((id) => !settledBeforeKill.has(id));
  const sampler = setInterval(sample, 50);
  const inFlight = Promise.all([post(intakes[0].url), post(intakes[1].url)]);
  const killedAt = Date.now();
  for (const v of victims) v.proc.child.kill('SIGKILL');
  for (const id of await inFlight) if (id) accepted.push(id);
  const liveIntake = survivors.find((i) => i.service === 'intake')!;
  for (let k = 0; k < CASES_AFTER_KILL; k++) {
    const id = await post(liveIntake.url);
    if (id) accepted.push(id);
  }
  const lastPostAt = Date.now();
  expect(accepted.length).toBeGreaterThanOrEqual(CASES_BEFORE_KILL + CASES_AFTER_KILL);

  // takeover: the standby relay of each service leads
  const relayTakeover: Record<string, number> = {};
  for (const s of survivors) {
    const t = await until(`the standby relay of ${s.service} leads`, 60_000, () => leaderSince(s, killedAt));
    relayTakeover[s.service] = t - killedAt;
  }
  // takeover: every consumer group is down to the surviving member
  const groupTakeover: Record<string, number> = {};
  await until('every consumer group rebalanced onto the survivors', 90_000, async () => {
    const { groups: described } = await admin.describeGroups(groups);
    for (const g of described) {
      const name = g.groupId.slice(topicPrefix.length);
      if (g.state === 'Stable' && g.members.length === INSTANCES - 1) groupTakeover[name] ??= Date.now() - killedAt;
    }
    return Object.keys(groupTakeover).length === groups.length ? true : undefined;
  }, 200);

  // every accepted case reaches its deadlines in the workflow run by the surviving worker
  const eventsOf = (msgs: ReceivedMessage[], type: string) => msgs.filter((m) => (m.value as { type?: string }).type === type);
  await until('every accepted case has its deadline set', 180_000, () => {
    const set = new Set(eventsOf(collected.messages.filter((m) => m.topic === cwTopic), 'case.deadline-set.v1').map((m) => m.key));
    return accepted.every((id) => set.has(id)) ? true : undefined;
  }, 250);
  sample();
  clearInterval(sampler);
  // worker takeover: the cases that were on their way at the kill reach their deadlines through the survivors
  const pendingDone = pendingAtKill.map((id) => (deadlineSeenAt.get(id) ?? Date.now()) - killedAt);
  const lastDeadlineAt = Math.max(...accepted.map((id) => deadlineSeenAt.get(id) ?? 0));
  const dispatchTopic = `${topicPrefix}${TOPICS.dispatch}`;
  await until('every accepted case is dispatched on Kafka', 60_000, () => {
    const set = new Set(eventsOf(collected.messages.filter((m) => m.topic === dispatchTopic), 'case.dispatched.v1').map((m) => m.key));
    return accepted.every((id) => set.has(id)) ? true : undefined;
  }, 250);
  // let the survivors settle (no more messages for a moment), so that a late duplicate would show
  let lastCount = -1;
  await until('the topics are quiet', 60_000, () => {
    const now = collected.messages.length;
    const quiet = now === lastCount;
    lastCount = now;
    return quiet ? true : undefined;
  }, 2_000);
  await collected.stop();
  outside = undefined;

  // 0 lost: every accepted case was received and dispatched; 0 doubled: one distinct event per effect
  const distinct = (msgs: ReceivedMessage[]) => [...new Map(msgs.map((m) => [(m.value as { id: string }).id, m])).values()];
  const byCase = (msgs: ReceivedMessage[]) => {
    const map = new Map<string, ReceivedMessage[]>();
    for (const m of msgs) map.set(m.key ?? '', [...(map.get(m.key ?? '') ?? []), m]);
    return map;
  };
  const received = byCase(distinct(eventsOf(collected.messages, 'case.received.v1')));
  const dispatched = byCase(distinct(eventsOf(collected.messages, 'case.dispatched.v1')));
  const deadlines = byCase(distinct(eventsOf(collected.messages, 'case.deadline-set.v1')));
  const lost = accepted.filter((id) => received.get(id)?.length !== 1 || !dispatched.has(id));
  const doubledDispatch = accepted.filter((id) => (dispatched.get(id)?.length ?? 0) > 1);
  const doubledDeadlines = accepted.filter((id) => {
    const clocks = (deadlines.get(id) ?? []).map((m) => `${(m.value as { data: { clock: string; deadline: string } }).data.clock}`);
    return new Set(clocks).size !== clocks.length;
  });
  expect({ lost, doubledDispatch, doubledDeadlines }).toEqual({ lost: [], doubledDispatch: [], doubledDeadlines: [] });

  // the stores agree: one dispatch and one set of deadlines per case, one handling case each
  const stored = await db.pool.query<{ subject: string; n: number }>(
    `SELECT subject, count(*)::int AS n FROM dispatch.events WHERE event_type = 'case.dispatched.v1' GROUP BY subject`,
  );
  expect(stored.rows.filter((r) => accepted.includes(r.subject)).every((r) => r.n === 1)).toBe(true);
  expect(stored.rows.filter((r) => accepted.includes(r.subject))).toHaveLength(accepted.length);

  // per-case order on every topic: a case's events (first delivery of each id) come in their stream order
  const outOfOrder: string[] = [];
  for (const topic of topics) {
    const firsts = distinct(collected.messages.filter((m) => m.topic === topic));
    for (const [caseId, msgs] of byCase(firsts)) {
      const seqs = msgs.map((m) => Number((m.value as { sequence: string | number }).sequence));
      if (seqs.some((s, k) => k > 0 && s <= seqs[k - 1])) outOfOrder.push(`${topic} ${caseId}: ${seqs.join(',')}`);
    }
  }
  expect(outOfOrder).toEqual([]);

  // what one case costs so far (received, dispatched, deadlines set): database bytes, Kafka bytes, workflow history
  const sizeAfter = (await db.pool.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0].b;
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const history = await new Client({ connection }).workflow.getHandle(`case-${accepted[0]}`).describe();
  await connection.close();
  const kafkaBytes = distinct(collected.messages.filter((m) => accepted.includes(m.key ?? ''))).reduce((a, m) => a + JSON.stringify(m.value).length, 0);

  // the survivors are still serving
  for (const s of survivors) expect(await healthy(s.url)).toBe(true);

  const figures = {
    instancesPerService: INSTANCES,
    casesAccepted: accepted.length,
    casesLost: lost.length,
    effectsDoubled: doubledDispatch.length + doubledDeadlines.length,
    kafkaMessagesRead: collected.messages.length,
    relayLeaderTakeoverMs: relayTakeover,
    consumerGroupTakeoverMs: groupTakeover,
    casesOnTheirWayAtKill: pendingAtKill.length,
    // from the kill until the last of those had its deadlines set by the surviving worker
    inFlightCasesDoneAfterKillMs: pendingDone.length ? Math.max(...pendingDone) : 0,
    // from the last accepted POST until every accepted case had its deadlines set
    drainedAfterLastPostMs: Math.max(0, lastDeadlineAt - lastPostAt),
    postingAfterKillMs: lastPostAt - killedAt,
    perCaseAfterDispatch: {
      databaseBytes: Math.round((Number(sizeAfter) - Number(sizeBefore)) / accepted.length),
      kafkaEvents: Math.round((10 * distinct(collected.messages.filter((m) => accepted.includes(m.key ?? ''))).length) / accepted.length) / 10,
      kafkaBytes: Math.round(kafkaBytes / accepted.length),
      workflowHistoryEvents: history.historyLength,
    },
  };
  fs.mkdirSync(path.join(repoRoot, '.cache'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, '.cache', 'scale-out.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`scale-out with a kill -9 of one instance of each service:\n${JSON.stringify(figures, null, 2)}`);
}, 600_000);
