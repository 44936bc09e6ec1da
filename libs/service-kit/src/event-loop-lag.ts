import type { Request, RequestHandler, Response } from 'express';
import { performance } from 'node:perf_hooks';

/**
 * How late this process's event loop runs. A timer due every `everyMs` notes how much later than
 * due it fired. When the process is starved of CPU or flooded with work, every callback waits that
 * long before it runs, and so does a request that has just come in: it was read from its socket
 * only now, while its caller has been waiting since it was sent.
 *
 * `nowMs` is what a request read now has waited at least, beyond its own transfer: a request
 * that queued up during a stall (a stopped process, a long synchronous task, a starved CPU) is
 * read with the stall's length.
 */
export class EventLoopLag {
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  /** The latest tick of the last holdMs, and when it came. */
  private peak = 0;
  private peakAt = -Infinity;

  constructor(
    private readonly everyMs = 100,
    private readonly now: () => number = () => performance.now(),
    private readonly holdMs = 1_000,
  ) {}

  /**
   * Milliseconds the loop is late now: the latest a tick came in the last holdMs, or how long the
   * next one is overdue, whichever is more. The second matters after a stall of a process that
   * was waiting for I/O: the poll phase that was waiting reads the sockets before the overdue
   * timer runs. The first keeps a stall in view while what queued up during it is read, which can
   * take a few turns of the loop (connections accepted in one, read in the next).
   */
  get nowMs(): number {
    const now = this.now();
    return Math.max(now - this.peakAt <= this.holdMs ? this.peak : 0, now - this.due);
  }

  start(): void {
    if (this.timer) return;
    this.due = this.now() + this.everyMs;
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One tick of the timer (public for tests): how late it came, and when the next one is due. */
  tick(): void {
    const now = this.now();
    const late = Math.max(0, now - this.due);
    if (late >= this.peak || now - this.peakAt > this.holdMs) {
      this.peak = late;
      this.peakAt = now;
    }
    this.due = now + this.everyMs;
  }
}

/** What the first middleware notes of every request: when it was read, and how late the loop ran then. */
export interface Arrival {
  readonly atMs: number;
  readonly loopLagMs: number;
}

type Noted = { arrival?: Arrival };

/** The one lag monitor of the process (started by createService). */
export const eventLoopLag = new EventLoopLag();

/**
 * Load shedding, for a service that takes it (createService's options): a request read while the
 * loop runs more than `lagMs` late is refused in the first middleware, before its body is parsed,
 * its key looked up or a line logged, so that refusing costs next to nothing when a storm or a
 * starved CPU leaves the process no time to spare.
 */
export interface LoadShedding {
  /** The lag beyond which requests are refused (0: never). */
  readonly lagMs: number;
  /**
   * Answers the request as refused (429 with Retry-After, in its route's own error format) and
   * returns true; returns false, answering nothing, for a request never refused (health, metrics).
   */
  refuse(req: Request, res: Response, lagMs: number): boolean;
}

/** The middleware createService installs before every other one; `onShed` counts what shedding refused. */
export function arrivalMiddleware(shedding?: LoadShedding, onShed?: () => void, lag: EventLoopLag = eventLoopLag): RequestHandler {
  lag.start();
  return (req, res, next) => {
    const loopLagMs = lag.nowMs;
    (req as Noted).arrival = { atMs: performance.now(), loopLagMs };
    if (shedding && shedding.lagMs > 0 && loopLagMs > shedding.lagMs && shedding.refuse(req, res, loopLagMs)) {
      onShed?.();
      return;
    }
    next();
  };
}

/** What the first middleware noted of this request (undefined outside a service built by createService). */
export function arrivalOf(req: unknown): Arrival | undefined {
  return (req as Noted).arrival;
}
