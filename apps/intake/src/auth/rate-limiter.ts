/**
 * A token bucket per API key, in memory: `burst` requests at once, refilled at `ratePerMinute`.
 * The clock is passed in, so the arithmetic is testable without waiting.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one token; when none is left, answers how many seconds until one is. */
  take(keyId: string, ratePerMinute: number, burst: number, nowMs: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const perMs = ratePerMinute / 60_000;
    const bucket = this.buckets.get(keyId) ?? { tokens: burst, at: nowMs };
    const tokens = Math.min(burst, bucket.tokens + Math.max(0, nowMs - bucket.at) * perMs);
    if (tokens >= 1) {
      this.buckets.set(keyId, { tokens: tokens - 1, at: nowMs });
      return { allowed: true };
    }
    this.buckets.set(keyId, { tokens, at: nowMs });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  }
}
