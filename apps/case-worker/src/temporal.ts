import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { EventStore } from '@county/event-store';
import { CONFIG, EVENT_STORE, HealthWarnings, ROOT_LOGGER, type NamedCheck, type ServiceConfig } from '@county/service-kit';
import { createActivities } from './activities';

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    installTemporalLogging(this.log);
    this.warnings.register('temporal-worker', () => this.problem);
    await this.startWorker();
    this.log.info({ taskQueue: this.config.temporal.taskQueue }, 'temporal worker running');
  }

  private async startWorker(): Promise<void> {
    const connection = await NativeConnection.connect({ address: this.config.temporal.address });
    try {
      this.worker = await Worker.create(caseWorkerOptions({ connection, namespace: this.config.temporal.namespace, taskQueue: this.config.temporal.taskQueue, store: this.store }));
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

/**
 * The worker options of case-worker (also used by bench:workflow, so that it measures the worker
 * the service runs).
 */
export function caseWorkerOptions(o: { connection: NativeConnection; namespace?: string; taskQueue: string; store: EventStore }): WorkerOptions {
  return {
    connection: o.connection,
    namespace: o.namespace ?? 'default',
    taskQueue: o.taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: createActivities(o.store),
  };
}

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** The Temporal SDK logs through the service's pino logger (JSON lines), once per process. */
function installTemporalLogging(log: Logger): void {
  const temporalLog = log.child({ component: 'temporal-sdk' });
  try {
    Runtime.install({
      logger: new DefaultLogger('INFO', ({ level, message, meta }) => temporalLog[PINO_LEVEL[level]]({ ...meta }, message)),
    });
  } catch {
    // a runtime is installed already (tests install their own): keep it
  }
}
