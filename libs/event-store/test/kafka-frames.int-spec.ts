import * as net from 'node:net';
import { testKafka, uniqueName } from '@county/testing';
import { createKafka } from '../src/kafka';

/**
 * A frame from the broker that kafkajs cannot decode must not end the process. A TCP proxy in
 * front of the real broker puts one such frame (a response two bytes long, too short for its
 * correlation id) before the first answer of the first connection; every later byte passes as it
 * came. The client has to give up that connection and make another.
 */
async function corruptingProxy(target: { host: string; port: number }): Promise<{ port: number; corrupted: () => number; close: () => Promise<void> }> {
  let connections = 0;
  let corrupted = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections += 1;
    const spoil = connections === 1;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    let first = true;
    upstream.on('data', (chunk: Buffer) => {
      if (first && spoil) {
        corrupted += 1;
        client.write(Buffer.from([0, 0, 0, 2, 0, 0]));
      }
      first = false;
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    corrupted: () => corrupted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

it('ends a broker connection whose frame cannot be decoded, and goes on over a new one, instead of throwing out of the socket', async () => {
  const admin0 = testKafka().admin();
  await admin0.connect();
  const topic = uniqueName('frames');
  await admin0.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const seed = (await admin0.describeCluster()).brokers[0]!;
  const proxy = await corruptingProxy({ host: seed.host, port: seed.port });
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  // jest would fail the test on an uncaught error too; listening here names it in the assertion
  process.prependListener('uncaughtException', onUncaught);
  try {
    // the services' client, as every service makes it
    const kafka = createKafka({ clientId: 'frames', brokers: [`127.0.0.1:${proxy.port}`] });
    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    expect(proxy.corrupted()).toBe(1);
    expect(uncaught.map(String)).toEqual([]);
    expect(topics).toContain(topic);
  } finally {
    process.removeListener('uncaughtException', onUncaught);
    await proxy.close();
    await admin0.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin0.disconnect();
  }
});
