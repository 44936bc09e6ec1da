import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Producer } from 'kafkajs';
import { TOPICS, deadLetterTopic } from '@county/contracts';
import { collectMessages, eventually, repoRoot, testKafka } from '@county/testing';
import { startSystem, type RunningSystem } from '../support/system';
import { publish } from '../../apps/handling/test/support';

/**
 * No poisoned message is a silent loss: dispatch's routing cannot handle one case (a fault of
 * its own, here a broken table trigger), parks it, says so on /metrics and /health; once the
 * fault is fixed, `npm run dead-letters -- replay` re-delivers it and the read model ends as if
 * it had never failed, without a duplicate.
 */

let system: RunningSystem;
let producer: Producer;
const run = promisify(execFile);

beforeAll(async () => {
  system = await startSystem(['dispatch']);
  producer = testKafka().producer();
  await producer.connect();
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await system?.stop();
});

const group = () => `${system.topicPrefix}dispatch.routing`;

function received(caseId: string, n: number): Record<string, unknown> {
  return {
    channel: 'hotline',
    channelReference: `HL-DLQ-${n}`,
    appealType: 'complaint',
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'normal',
    description: 'Cars block the fire lane at the gate of the compound',
    location: { gridCode: 'QH-CG-04-04', resolved: true },
    resident: { anonymous: true },
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    attachments: [],
  };
}

async function deadLetters(...args: string[]): Promise<string> {
  const { stdout } = await run('node', ['-r', path.join(repoRoot, 'scripts/register.js'), path.join(repoRoot, 'scripts/dead-letters.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, KAFKA_BROKERS: system.env.KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: system.topicPrefix },
    timeout: 120_000,
  });
  return stdout;
}

async function health(): Promise<{ status: string; warnings?: { component: string; problem: string }[] }> {
  return (await (await fetch(`${system.url('dispatch')}/health`)).json()) as { status: string };
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${system.url('dispatch')}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`group="${group()}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

async function queueRow(caseId: string): Promise<Record<string, unknown> | undefined> {
  const r = await system.db.pool.query('SELECT * FROM dispatch.case_queue WHERE case_id = $1', [caseId]);
  if (!r.rows[0]) return undefined;
  const { case_id: _id, updated_at: _at, ...rest } = r.rows[0] as Record<string, unknown>;
  return rest;
}

it('parks a message it cannot handle, warns, and after the fix replays it to the same read model, once', async () => {
  const outside = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.dispatch}`]);
  const dispatchedOf = (caseId: string) => outside.messages.filter((m) => m.key === caseId && (m.value as { type: string }).type === 'case.dispatched.v1');
  const poisoned = randomUUID();
  const control = randomUUID();

  // the fault: dispatch cannot store anything about this one case
  await system.db.pool.query(`
    CREATE FUNCTION dispatch.broken_routing() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.subject = '${poisoned}' THEN RAISE EXCEPTION 'routing is broken for this case'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER broken_routing BEFORE INSERT ON dispatch.events FOR EACH ROW EXECUTE FUNCTION dispatch.broken_routing();`);
  await publish(producer, system, 'intake', 'case.received.v1', poisoned, received(poisoned, 1));

  // parked: counted, on /health as degraded (still 200), listed by the script
  await eventually(async () => ((await metric('events_dead_lettered_total')) >= 1 ? true : undefined), 60_000, 250);
  const warned = await eventually(async () => {
    const h = await health();
    return h.status === 'degraded' ? h : undefined;
  }, 30_000, 250);
  expect(warned.warnings).toEqual([expect.objectContaining({ component: `dead-letters:${group()}`, problem: expect.stringMatching(/^1 message\(s\) parked/) })]);
  expect((await fetch(`${system.url('dispatch')}/health`)).status).toBe(200);
  expect(await metric('events_dead_letters_parked')).toBe(1);
  expect(await deadLetters('list')).toMatch(new RegExp(`${group().replace(/\./g, '\\.')}\\s+1 parked`));
  const shown = (await deadLetters('show', group())).trim().split('\n').map((l) => JSON.parse(l) as { caseId: string; error: string; type: string });
  expect(shown).toEqual([expect.objectContaining({ caseId: poisoned, type: 'case.received.v1', error: expect.stringContaining('routing is broken') })]);
  expect(await queueRow(poisoned)).toBeUndefined();

  // the fix, then the replay
  await system.db.pool.query('DROP TRIGGER broken_routing ON dispatch.events; DROP FUNCTION dispatch.broken_routing()');
  expect(await deadLetters('replay', group())).toMatch(/^1 message\(s\) re-delivered/m);
  await outside.waitFor(() => dispatchedOf(poisoned).length >= 1, 60_000);

  // the same read model as a case that never failed
  await publish(producer, system, 'intake', 'case.received.v1', control, received(control, 2));
  await outside.waitFor(() => dispatchedOf(control).length >= 1, 60_000);
  const rows = await eventually(async () => {
    const [a, b] = [await queueRow(poisoned), await queueRow(control)];
    return a && b ? { a, b } : undefined;
  });
  expect(rows.a).toEqual(rows.b);
  const data = (m: { value: unknown }) => {
    const { caseId: _c, dispatchedAt: _at, ...rest } = (m.value as { data: Record<string, unknown> }).data;
    return rest;
  };
  expect(data(dispatchedOf(poisoned)[0])).toEqual(data(dispatchedOf(control)[0]));

  // nothing is left to warn about, and a second replay re-delivers nothing
  await eventually(async () => ((await health()).status === 'ok' ? true : undefined), 30_000, 250);
  expect(await metric('events_dead_letters_parked')).toBe(0);
  expect(await deadLetters('replay', group())).toMatch(/^0 message\(s\) re-delivered|^nothing/m);
  // one dispatch of the replayed case, however often it was delivered
  expect(new Set(dispatchedOf(poisoned).map((m) => (m.value as { id: string }).id)).size).toBe(1);
  const events = await system.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM dispatch.events WHERE subject = $1 AND event_type = 'case.dispatched.v1'`, [poisoned]);
  expect(events.rows[0].n).toBe(1);
  expect(deadLetterTopic(group())).toBe(`county.dead-letter.${group()}`);
  await outside.stop();
}, 300_000);
