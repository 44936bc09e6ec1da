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
