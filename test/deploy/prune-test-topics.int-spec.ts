import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ensureTopics } from '@county/event-store';
import { engines, startTcpProxy, testKafka, uniqueName } from '@county/testing';

const repoRoot = path.join(__dirname, '..', '..');
const run = promisify(execFile);

it('deletes the topics of a test run that ended hours ago and keeps a running one\'s and the platform\'s', async () => {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const long = new Date(Date.now() - 7 * 3_600_000);
    const stale = `${uniqueName('prune', long)}.county.intake.events`;
    const staleDeadLetter = `county.dead-letter.${uniqueName('prune', long)}.dispatch.routing`;
    const running = `${uniqueName('prune')}.county.intake.events`;
    await ensureTopics(testKafka(), [stale, staleDeadLetter, running], 1);
    const { stdout } = await run('npm', ['run', '-s', 'prune-test-topics', '--', '--older-than-hours', '6'], { cwd: repoRoot, timeout: 120_000 });
    expect(stdout).toMatch(/deleting \d+ topics/);
    const left = new Set(await admin.listTopics());
    expect(left.has(stale)).toBe(false);
    expect(left.has(staleDeadLetter)).toBe(false);
    expect(left.has(running)).toBe(true);
    await admin.deleteTopics({ topics: [running] });
  } finally {
    await admin.disconnect();
  }
});

it('waits for a broker that is not answering yet, as right after the engines start, instead of failing the run', async () => {
  // A port in front of the shared broker that hangs up on the first connections, as a broker does
  // while it loads its partitions or elects their leaders; after that it passes bytes through.
  const [target] = engines().kafkaBrokers;
  const refuse = 8;
  let refused = 0;
  const proxy = await startTcpProxy(
    { host: target.slice(0, target.lastIndexOf(':')), port: Number(target.slice(target.lastIndexOf(':') + 1)) },
    {
      each: (connection) => {
        if (connection > refuse) return {};
        refused += 1;
        return { refuse: true };
      },
    },
  );
  try {
    const at = `127.0.0.1:${proxy.port}`;
    const { stdout } = await run('npm', ['run', '-s', 'prune-test-topics', '--', '--dry-run'], {
      cwd: repoRoot,
      timeout: 150_000,
      env: { ...process.env, KAFKA_BROKERS: at },
    });
    expect(refused).toBe(refuse);
    expect(stdout).toMatch(/would delete \d+ topics and \d+ consumer groups of test runs older than 2 h/);
  } finally {
    await proxy.close();
  }
}, 180_000);
