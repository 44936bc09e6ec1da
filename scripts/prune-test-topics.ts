// Deletes the Kafka topics and consumer groups that earlier test runs left on the local engines.
//
//   npm run -s prune-test-topics [-- --older-than-hours 2] [--dry-run]
//
// Every test names its topics and groups with uniqueName (libs/testing), which writes the time it
// was made into the name. A topic or group is deleted when such a name in it is older than the
// bound (a run that long ago has ended: CI gives a run 90 minutes), or has the older form without
// a time. Names with no test
// run's name in them (the platform's own `county.*` topics) are never touched. Without this, each
// run leaves a few hundred topics behind; after some dozens of runs the broker holds ten thousand
// partitions and needs more than a minute to load them after an unclean stop. Several runs a day
// leave thousands of topics within six hours, so the bound is two.
//
// It runs right after the engines start, when a broker that holds many partitions may still be
// electing their leaders; every request is retried for about a minute and a half before it fails.
import { Kafka, logLevel } from 'kafkajs';
import { testRunNamesIn } from '@county/testing';

const HOUR_MS = 3_600_000;
const DEFAULT_HOURS = 2;
// about 85 s in all: 0.5, 1, 2, 4, 8 and then 10 s between tries
const PATIENT_RETRY = { retries: 12, initialRetryTime: 500, maxRetryTime: 10_000 };

export function isStale(name: string, now: Date, olderThanMs: number): boolean {
  const found = testRunNamesIn(name);
  return found.length > 0 && found.some((f) => f.made === null || now.getTime() - f.made.getTime() > olderThanMs);
}

function option(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const hours = Number(option(args, '--older-than-hours') ?? DEFAULT_HOURS);
  if (!Number.isFinite(hours) || hours < 0) throw new Error('--older-than-hours takes a number of hours, 0 or more');
  const dryRun = args.includes('--dry-run');
  const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.COUNTY_KAFKA_PORT ?? '9092'}`).split(',');
  const kafka = new Kafka({ clientId: 'prune-test-topics', brokers, logLevel: logLevel.NOTHING, retry: PATIENT_RETRY });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const now = new Date();
    const olderThanMs = hours * HOUR_MS;
    const topics = (await admin.listTopics()).filter((t) => isStale(t, now, olderThanMs));
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => isStale(g, now, olderThanMs));
    const verb = dryRun ? 'would delete' : 'deleting';
    process.stdout.write(`prune-test-topics: ${verb} ${topics.length} topics and ${groups.length} consumer groups of test runs older than ${hours} h\n`);
    if (dryRun) return;
    for (let i = 0; i < topics.length; i += 200) {
      await admin.deleteTopics({ topics: topics.slice(i, i + 200), timeout: 60_000 });
    }
    for (let i = 0; i < groups.length; i += 200) {
      // a group that still has members cannot be deleted; it is left for the next prune
      await admin.deleteGroups(groups.slice(i, i + 200)).catch(() => undefined);
    }
  } finally {
    await admin.disconnect();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`prune-test-topics: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
