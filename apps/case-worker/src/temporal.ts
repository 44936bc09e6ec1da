import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { EventStore } from '@county/event-store';
import { CONFIG, EVENT_STORE, HealthWarnings, ROOT_LOGGER, type NamedCheck, type ServiceConfig } from '@county/service-kit';
import { createActivities } from './activities';

/** The provider of case-worker's WorkerSettings (read from the environment at start). */
export const WORKER_SETTINGS = Symbol('WORKER_SETTINGS');

/** The Temporal client of case-worker (used by the Kafka bridge and by health checks). */
@Injectable()
export class TemporalClient implements OnModuleInit, BeforeApplicationShutdown, NamedCheck {
  readonly name = 'temporal';
  private connection?: Connection;
  client!: Client;

  constructor(@Inject(CONFIG) private readonly config: ServiceConfig) {}

  async onModuleInit(): Promise<void> {
    this.connection = await Connection.connect({ address: this.config.temporal.address });
    this.client = new Client({ connection: this.connection, namespace: this.config.temporal.namespace });
  }

  async check(): Promise<void> {
    await this.connection!.healthService.check({});
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}

/**
 * Runs the case and whistle workflows and their activities on the task queue; stops after the
 * tasks in hand at shutdown. A worker that fails (its connection to Temporal lost for good) is
 * made again with back-off on a new connection; /health warns meanwhile.
 */
@Injectable()
export class TemporalWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker?: Worker;
  private running?: Promise<void>;
  private stopping = false;
  private problem?: string;

  constructor(
    @Inject(CONFIG) private readonly config: ServiceConfig,
    @Inject(ROOT_LOGGER) private readonly log: Logger,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly warnings: HealthWarnings,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    installTemporalRuntime(this.log, this.settings.metricsAddress);
    this.warnings.register('temporal-worker', () => this.problem);
    await this.startWorker();
    this.log.info({ taskQueue: this.config.temporal.taskQueue }, 'temporal worker running');
  }

  private async startWorker(): Promise<void> {
    const connection = await NativeConnection.connect({ address: this.config.temporal.address });
    try {
      this.worker = await Worker.create(
        caseWorkerOptions({ connection, namespace: this.config.temporal.namespace, taskQueue: this.config.temporal.taskQueue, store: this.store, tuning: this.settings.tuning }),
      );
    } catch (err) {
      await connection.close().catch(() => undefined);
      throw err;
    }
    this.problem = undefined;
    this.running = this.worker.run().then(
      () => connection.close(),
      async (err: unknown) => {
        await connection.close().catch(() => undefined);
        if (this.stopping) return;
        this.log.error({ err }, 'temporal worker failed; starting it again');
        await this.restart(err);
      },
    );
  }

  private async restart(cause: unknown): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      this.problem = `worker stopped (${String((cause as Error)?.message ?? cause)}); starting again, attempt ${attempt}`;
      await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** attempt)));
      if (this.stopping) return;
      try {
        await this.startWorker();
        this.log.info({ attempt }, 'temporal worker running again');
        return;
      } catch (err) {
        cause = err;
        this.log.warn({ err, attempt }, 'temporal worker could not start; retrying');
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    // a restart may have put a new worker in place while the last one stopped
    for (let seen: Promise<void> | undefined; seen !== this.running; ) {
      seen = this.running;
      if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
      await seen;
    }
  }
}

/** How case-worker's Temporal worker is sized, and where it shows its own metrics. */
export interface WorkerSettings {
  /** host:port of the worker's Prometheus endpoint (`/metrics`: task slots, schedule-to-start latency, sticky cache); none when unset. */
  readonly metricsAddress?: string;
  readonly tuning: WorkerTuning;
  /**
   * How long a case's workflow, started by its case.received.v1, waits before its first workflow
   * task (CASE_WORKFLOW_START_DELAY_MS; 0: none). The case's next event (its dispatch, usually
   * within a second) comes by signal-with-start, which ends the wait at once: both are taken in
   * one workflow task instead of two. Nothing is due on received alone (no clock starts there),
   * and the search attributes are set at the start.
   */
  readonly startDelayMs: number;
}

/** The start delay when CASE_WORKFLOW_START_DELAY_MS is unset. */
export const DEFAULT_START_DELAY_MS = 10_000;


/** The worker options an operator may size (CASE_WORKER_TUNING, a JSON object of these keys). */
const TUNABLE = [
  'maxConcurrentWorkflowTaskExecutions',
  'maxConcurrentWorkflowTaskPolls',
  'maxConcurrentActivityTaskExecutions',
  'maxConcurrentActivityTaskPolls',
  'maxConcurrentLocalActivityExecutions',
  'maxCachedWorkflows',
  'workflowThreadPoolSize',
  'nonStickyToStickyPollRatio',
] as const;

export type WorkerTuning = Partial<Record<(typeof TUNABLE)[number], number>>;

/**
 * The worker's sizes when CASE_WORKER_TUNING is unset: the SDK's own. On the 2-core development
 * machine more pollers and task slots did not raise the rate (docs/capacity.md): the worker waits
 * on the Temporal server's answers, not on its slots.
 */
export const DEFAULT_WORKER_TUNING: WorkerTuning = {};

/** Reads TEMPORAL_WORKER_METRICS_ADDRESS, CASE_WORKER_TUNING (each key must be a worker option above, each value a positive number) and CASE_WORKFLOW_START_DELAY_MS. */
export function workerSettings(env: NodeJS.ProcessEnv): WorkerSettings {
  const tuning: Record<string, number> = { ...DEFAULT_WORKER_TUNING };
  if (env.CASE_WORKER_TUNING) {
    let given: unknown;
    try {
      given = JSON.parse(env.CASE_WORKER_TUNING);
    } catch {
      throw new Error('CASE_WORKER_TUNING is not JSON');
    }
    if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new Error('CASE_WORKER_TUNING must be a JSON object');
    for (const [key, value] of Object.entries(given)) {
      if (!(TUNABLE as readonly string[]).includes(key)) throw new Error(`CASE_WORKER_TUNING: ${key} is not one of ${TUNABLE.join(', ')}`);
      if (typeof value !== 'number' || !(value > 0)) throw new Error(`CASE_WORKER_TUNING: ${key} must be a positive number`);
      tuning[key] = value;
    }
  }
  const startDelayMs = env.CASE_WORKFLOW_START_DELAY_MS === undefined || env.CASE_WORKFLOW_START_DELAY_MS === '' ? DEFAULT_START_DELAY_MS : Number(env.CASE_WORKFLOW_START_DELAY_MS);
  if (!Number.isInteger(startDelayMs) || startDelayMs < 0) throw new Error('CASE_WORKFLOW_START_DELAY_MS must be a whole number of milliseconds, 0 or more');
  return { ...(env.TEMPORAL_WORKER_METRICS_ADDRESS ? { metricsAddress: env.TEMPORAL_WORKER_METRICS_ADDRESS } : {}), tuning, startDelayMs };
}

/**
 * The worker options of case-worker (also used by bench:workflow, so that it measures the worker
 * the service runs).
 */
export function caseWorkerOptions(o: { connection: NativeConnection; namespace?: string; taskQueue: string; store: EventStore; tuning?: WorkerTuning }): WorkerOptions {
  return {
    connection: o.connection,
    namespace: o.namespace ?? 'default',
    taskQueue: o.taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: createActivities(o.store),
    ...(o.tuning ?? DEFAULT_WORKER_TUNING),
  };
}

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * The Temporal SDK logs through the service's pino logger (JSON lines), once per process; with a
 * metrics address, the SDK's own metrics (temporal_*) are served there for Prometheus.
 */
export function installTemporalRuntime(log: Logger, metricsAddress?: string): void {
  const temporalLog = log.child({ component: 'temporal-sdk' });
  try {
    Runtime.install({
      logger: new DefaultLogger('INFO', ({ level, message, meta }) => temporalLog[PINO_LEVEL[level]]({ ...meta }, message)),
      ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
    });
  } catch {
    // a runtime is installed already (tests install their own): keep it
  }
}
