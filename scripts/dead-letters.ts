// npm run dead-letters -- list | show <group> | replay <group>
//
// What the consumers parked on their dead-letter topics (county.dead-letter.<group>), and how
// to re-deliver it once the cause is fixed. Reads KAFKA_BROKERS (default 127.0.0.1:9092) and
// KAFKA_TOPIC_PREFIX like the services do; <group> is a consumer group as the services name it,
// e.g. evaluation.facts or dispatch.routing (with the prefix, when one is set).
import { deadLetterTopic } from '@county/contracts';
import { createKafka, deadLetterBacklog, readParked, replayParked, type ParkedMessage } from '@county/event-store';

const DEAD_LETTER_PREFIX = deadLetterTopic('');

function usage(): never {
  process.stderr.write('usage: npm run dead-letters -- list | show <group> | replay <group>\n');
  process.exit(2);
}

function describe(m: ParkedMessage): Record<string, unknown> {
  let event: { id?: string; type?: string; subject?: string; time?: string } = {};
  try {
    event = JSON.parse(m.value) as typeof event;
  } catch {
    // not JSON: shown as it is below
  }
  return {
    parkedAt: m.parkedAt,
    at: `${m.partition}/${m.offset}`,
    error: m.error,
    from: `${m.originalTopic}@${m.originalOffset}`,
    ...(event.id ? { eventId: event.id, type: event.type, caseId: event.subject, time: event.time } : { value: m.value.slice(0, 200) }),
  };
}

async function main(): Promise<void> {
  const [command, group] = process.argv.slice(2);
  const kafka = createKafka({ brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()), clientId: 'county-dead-letters' });
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const named = (g: string) => (prefix && !g.startsWith(prefix) ? `${prefix}${g}` : g);
  switch (command) {
    case 'list': {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const groups = (await admin.listTopics())
          .filter((t) => t.startsWith(DEAD_LETTER_PREFIX) && t.slice(DEAD_LETTER_PREFIX.length).startsWith(prefix))
          .map((t) => t.slice(DEAD_LETTER_PREFIX.length))
          .sort();
        const rows = [];
        for (const g of groups) rows.push({ group: g, parked: await deadLetterBacklog(admin, g) });
        if (rows.length === 0) process.stdout.write('no dead-letter topics\n');
        for (const r of rows) process.stdout.write(`${r.group.padEnd(48)} ${String(r.parked).padStart(6)} parked\n`);
      } finally {
        await admin.disconnect();
      }
      return;
    }
    case 'show': {
      if (!group) usage();
      const parked = await readParked(kafka, named(group));
      if (parked.length === 0) process.stdout.write(`nothing parked for ${named(group)}\n`);
      for (const m of parked) process.stdout.write(`${JSON.stringify(describe(m))}\n`);
      return;
    }
    case 'replay': {
      if (!group) usage();
      const replayed = await replayParked(kafka, named(group));
      for (const m of replayed) process.stdout.write(`replayed ${JSON.stringify(describe(m))}\n`);
      process.stdout.write(`${replayed.length} message(s) re-delivered to ${named(group)}; one that fails again is parked again\n`);
      return;
    }
    default:
      usage();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`dead-letters: ${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  },
);
