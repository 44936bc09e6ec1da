import { Client, type ClientConfig } from 'pg';
import { EVENTS_NOTIFY_CHANNEL } from './event-store';

/**
 * Polling with a wake-up call: waits until an append in `schema` is notified or `idleMs`
 * passes, whichever comes first. A lost notification costs at most idleMs.
 */
export class Wakeup {
  private client?: Client;
  private waiter?: () => void;

  constructor(
    private readonly connection: ClientConfig,
    private readonly schema: string,
  ) {}

  async start(): Promise<void> {
    const client = new Client(this.connection);
    client.on('notification', (msg) => {
      if (msg.payload === this.schema) this.wake();
    });
    client.on('error', () => undefined);
    await client.connect();
    await client.query(`LISTEN ${EVENTS_NOTIFY_CHANNEL}`);
    this.client = client;
  }

  wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  wait(idleMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake(), idleMs);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.wake();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
