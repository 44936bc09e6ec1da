import { startTcpProxy, testKafka, uniqueName } from '@county/testing';
import { createKafka, ensureTopics } from '../src/kafka';

/**
 * A frame from the broker that kafkajs cannot decode must not end the process. A TCP proxy in
 * front of the real broker puts one such frame (a response two bytes long, too short for its
 * correlation id) before the first answer of the first connection; every later byte passes as it
 * came. The client has to give up that connection and make another.
 */
const UNREADABLE_FRAME = Buffer.from([0, 0, 0, 2, 0, 0]);

it('ends a broker connection whose frame cannot be decoded, and goes on over a new one, instead of throwing out of the socket', async () => {
  const admin0 = testKafka().admin();
  await admin0.connect();
  const topic = uniqueName('frames');
  await ensureTopics(testKafka(), [topic], 1);
  const seed = (await admin0.describeCluster()).brokers[0]!;
  let corrupted = 0;
  const proxy = await startTcpProxy(
    { host: seed.host, port: seed.port },
    {
      each: (connection) => {
        if (connection !== 1) return {};
        corrupted += 1;
        return { beforeFirstAnswer: UNREADABLE_FRAME };
      },
    },
  );
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  // jest would fail the test on an uncaught error too; listening here names it in the assertion
  process.prependListener('uncaughtException', onUncaught);
  try {
    // the services' client, as every service makes it
    const kafka = createKafka({ clientId: 'frames', brokers: [`127.0.0.1:${proxy.port}`] });
    const admin = kafka.admin();
    await admin.connect();
    // about this test's topic alone: the metadata of every topic fails while another test makes or deletes one
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    expect(corrupted).toBe(1);
    expect(uncaught.map(String)).toEqual([]);
    expect(topics.map((t) => t.name)).toEqual([topic]);
  } finally {
    process.removeListener('uncaughtException', onUncaught);
    await proxy.close();
    await admin0.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin0.disconnect();
  }
});
