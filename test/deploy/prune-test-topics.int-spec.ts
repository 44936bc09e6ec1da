import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { testKafka, uniqueName } from '@county/testing';

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
