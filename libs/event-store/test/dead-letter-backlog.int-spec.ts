import * as net from 'node:net';
import { Kafka, logLevel, type ISocketFactory } from 'kafkajs';
import { deadLetterTopic } from '@county/contracts';
import { engines, uniqueName } from '@county/testing';
import { deadLetterBacklog } from '../src/dead-letters';
import { ensureTopics } from '../src/kafka';

/**
 * /health counts each consumer group's dead-letter backlog every few seconds, in every service.
 * That must cost the same however many topics the broker holds (other tenants', other test
 * runs'): it asks about the group's own dead-letter topic, never for the metadata of them all.
 * A socket factory counts the bytes the broker sends the admin client.
 */
let bytesIn = 0;
const counting: ISocketFactory = ({ host, port, onConnect }) => {
  const socket = net.connect({ host, port }, onConnect);
  socket.on('data', (chunk: Buffer) => (bytesIn += chunk.length));
  return socket;
};

async function bytesOf(work: () => Promise<unknown>): Promise<number> {
  const before = bytesIn;
  await work();
  return bytesIn - before;
}

it('counts a group\'s parked messages without reading the metadata of every topic on the broker', async () => {
  const kafka = new Kafka({ clientId: 'backlog', brokers: engines().kafkaBrokers, socketFactory: counting, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const run = uniqueName('backlog');
  // the broker holds at least these, whatever else it holds
  const crowd = Array.from({ length: 100 }, (_, i) => `${run}.crowd-${i}`);
  const parkedGroup = `${run}.handling.centre-facts`;
  const cleanGroup = `${run}.dispatch.routing`;
  // as the services make theirs: waits until the broker serves each (a busy one takes a moment)
  await ensureTopics(kafka, [...crowd, deadLetterTopic(parkedGroup)], 1);
  const producer = kafka.producer();
  try {
    await producer.connect();
    await producer.send({ topic: deadLetterTopic(parkedGroup), messages: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });

    const everyTopic = await bytesOf(() => admin.listTopics());
    let parked = -1;
    let clean = -1;
    const ownTopic = await bytesOf(async () => (parked = await deadLetterBacklog(admin, parkedGroup)));
    const noTopic = await bytesOf(async () => (clean = await deadLetterBacklog(admin, cleanGroup)));

    expect({ parked, clean }).toEqual({ parked: 2, clean: 0 });
    // the metadata of every topic is about 200 bytes a topic; of one topic, its offsets and the cursor, about 1 KB in all
    expect(everyTopic).toBeGreaterThan(100 * 100);
    expect(ownTopic).toBeLessThan(4096);
    expect(noTopic).toBeLessThan(4096);
    // asking about a dead-letter topic that is not there does not make it
    expect(await admin.listTopics()).not.toContain(deadLetterTopic(cleanGroup));
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [...crowd, deadLetterTopic(parkedGroup)] }).catch(() => undefined);
    await admin.disconnect();
  }
}, 120_000);
