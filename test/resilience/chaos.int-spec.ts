import { engines } from '@county/testing';
import { formatReport, runChaos } from '../../scripts/chaos';

/**
 * The short chaos run of npm test: a minute of load through intake's HTTP API while each of the
 * five services is killed (SIGKILL) once and started again, on a database, topic prefix and task
 * queue of its own (engines are not restarted here: they are shared). Every accepted case gets
 * through, once, in order.
 */
it('loses nothing and doubles nothing when every service is killed once under load', async () => {
  const e = engines();
  const report = await runChaos({
    rate: 5,
    seconds: 60,
    restartEngines: false,
    basePort: 0,
    settleMs: 180_000,
    log: () => undefined,
    env: {
      ...process.env,
      PGHOST: e.postgres.host,
      PGPORT: String(e.postgres.port),
      PGUSER: e.postgres.user,
      PGPASSWORD: e.postgres.password,
      KAFKA_BROKERS: e.kafkaBrokers.join(','),
      TEMPORAL_ADDRESS: e.temporalAddress,
      LOG_LEVEL: 'warn',
    },
  });
  process.stdout.write(`${formatReport(report)}\n`);
  expect(report.faults.map((f) => f.fault)).toEqual(['kill -9 intake', 'kill -9 dispatch', 'kill -9 handling', 'kill -9 evaluation', 'kill -9 case-worker']);
  expect(report.accepted).toBeGreaterThan(0);
  expect({ lost: report.lostCases, duplicated: report.duplicates, outOfOrder: report.outOfOrder, readModels: report.readModelMismatches }).toEqual({
    lost: [],
    duplicated: [],
    outOfOrder: [],
    readModels: [],
  });
}, 900_000);
