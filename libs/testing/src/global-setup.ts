import * as fs from 'node:fs';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { Connection } from '@temporalio/client';
import { engines } from './engines';

/**
 * One switch chooses the engines of the integration tests:
 *   COUNTY_TEST_ENGINES=local       the engines of deploy/local (npm run infra:up)
 *   COUNTY_TEST_ENGINES=containers  testcontainers (needs a Docker engine)
 *   COUNTY_TEST_ENGINES=auto        containers when Docker is reachable, else local (default)
 * The test code is the same either way: it reads the addresses from engines().
 */
function dockerReachable(): boolean {
  if (process.env.DOCKER_HOST) return true;
  return fs.existsSync('/var/run/docker.sock');
}

async function startContainers(): Promise<void> {
  // Loaded only when used: testcontainers talks to Docker as soon as it is asked to.
  const { GenericContainer, Network, Wait } = await import('testcontainers');
  const network = await new Network().start();
  const pg = await new GenericContainer('postgres:15')
    .withNetwork(network)
    .withEnvironment({ POSTGRES_USER: 'county', POSTGRES_PASSWORD: 'county', POSTGRES_DB: 'county' })
    .withCommand(['postgres', '-c', 'max_connections=400'])
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const kafka = await new GenericContainer('apache/kafka:3.9.1')
    .withExposedPorts({ container: 9092, host: 19092 })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:19092',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const temporal = await new GenericContainer('temporalio/temporal:1.5.1')
    .withCommand(['server', 'start-dev', '--ip', '0.0.0.0', ...searchAttributeArgs()])
    .withExposedPorts(7233)
    .withWaitStrategy(Wait.forListeningPorts())
    .start();
  process.env.COUNTY_TEST_ENGINES_MODE = 'containers';
  process.env.PGHOST = pg.getHost();
  process.env.PGPORT = String(pg.getMappedPort(5432));
  process.env.KAFKA_BROKERS = `127.0.0.1:${kafka.getMappedPort(9092)}`;
  process.env.TEMPORAL_ADDRESS = `${temporal.getHost()}:${temporal.getMappedPort(7233)}`;
  (globalThis as { __countyContainers?: unknown[] }).__countyContainers = [pg, kafka, temporal, network];
}

function searchAttributeArgs(): string[] {
  const file = require('node:path').join(__dirname, '../../../deploy/local/search-attributes.txt');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((l) => ['--search-attribute', l]);
}

async function checkLocalEngines(): Promise<void> {
  const e = engines();
  const problems: string[] = [];
  const pg = new Client({ ...e.postgres, connectionTimeoutMillis: 3000 });
  await pg.connect().then(() => pg.end(), (err: Error) => problems.push(`PostgreSQL at ${e.postgres.host}:${e.postgres.port}: ${err.message}`));
  const admin = new Kafka({ clientId: 'test-setup', brokers: e.kafkaBrokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  await admin.connect().then(() => admin.disconnect(), (err: Error) => problems.push(`Kafka at ${e.kafkaBrokers.join(',')}: ${err.message}`));
  await Connection.connect({ address: e.temporalAddress, connectTimeout: 3000 }).then(
    (c) => c.close(),
    (err: Error) => problems.push(`Temporal at ${e.temporalAddress}: ${err.message}`),
  );
  if (problems.length) {
    throw new Error(`integration tests need the engines; start them with 'npm run infra:up'.\n  ${problems.join('\n  ')}`);
  }
}

export default async function globalSetup(): Promise<void> {
  const wanted = process.env.COUNTY_TEST_ENGINES ?? 'auto';
  if (wanted === 'containers' || (wanted === 'auto' && dockerReachable())) {
    await startContainers();
  } else {
    process.env.COUNTY_TEST_ENGINES_MODE = 'local';
    await checkLocalEngines();
  }
}
