import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { EventStore } from '@county/event-store';
import { CONFIG, EVENT_STORE, ROOT_LOGGER, type NamedCheck, type ServiceConfig } from '@county/service-kit';
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

/** Runs the case and whistle workflows and their activities on the task queue; stops after the tasks in hand at shutdown. */
@Injectable()
export class TemporalWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(CONFIG) private readonly config: ServiceConfig,
    @Inject(ROOT_LOGGER) private readonly log: Logger,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    installTemporalLogging(this.log);
    const connection = await NativeConnection.connect({ address: this.config.temporal.address });
    this.worker = await Worker.create(caseWorkerOptions({ connection, namespace: this.config.temporal.namespace, taskQueue: this.config.temporal.taskQueue, store: this.store }));
    this.running = this.worker.run().finally(() => connection.close());
    this.log.info({ taskQueue: this.config.temporal.taskQueue }, 'temporal worker running');
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
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
