import { execFile } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { testKafka, uniqueName } from '@county/testing';
import { AddressInfo } from 'node:net';

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
    await admin.createTopics({ topics: [stale, staleDeadLetter, running].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
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
  const target = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0];
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  let refused = 0;
  const refuse = 8;
  const proxy = net.createServer((inbound) => {
    if (refused < refuse) {
      refused += 1;
      inbound.destroy();
      return;
    }
    const outbound = net.connect(port, host);
    inbound.pipe(outbound).pipe(inbound);
    const close = (): void => { inbound.destroy(); outbound.destroy(); };
    inbound.on('error', close).on('close', close);
    outbound.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const at = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const { stdout } = await run('npm', ['run', '-s', 'prune-test-topics', '--', '--dry-run'], {
      cwd: repoRoot,
      timeout: 150_000,
      env: { ...process.env, KAFKA_BROKERS: at },
    });
    expect(refused).toBe(refuse);
    expect(stdout).toMatch(/would delete \d+ topics and \d+ consumer groups of test runs older than 2 h/);
  } finally {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
}, 180_000);
