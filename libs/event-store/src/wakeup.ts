/**
 * An interruptible pause between polls: waits idleMs, or less when wake() is called (at stop).
 * Subscribers poll rather than LISTEN: a NOTIFY inside the append transaction would take
 * PostgreSQL's global notification lock at every commit and serialise all appends.
 */
export class Wakeup {
  private waiter?: () => void;

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
}

/**
 * The pace of a poller: idleMs right after it found work or was woken by an append of this
 * process, then twice as long after each empty poll, up to maxIdleMs. A quiet service costs the
 * database a query or two a second instead of twenty; a busy one polls as fast as before.
 */
export class IdlePace {
  private current: number;

  constructor(
    private readonly idleMs: number,
    private readonly maxIdleMs: number,
  ) {
    this.current = idleMs;
  }

  /** The wait before the next poll after one that found `found` items. */
  next(found: number): number {
    if (found > 0) {
      this.current = this.idleMs;
      return this.idleMs;
    }
    const wait = this.current;
    this.current = Math.min(this.maxIdleMs, this.current * 2);
    return wait;
  }

  /** Work is coming (an append of this process): poll at the quick pace again. */
  reset(): void {
    this.current = this.idleMs;
  }
}
