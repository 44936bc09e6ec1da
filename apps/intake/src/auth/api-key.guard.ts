import { Inject, Injectable, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { ErrorCodes, DomainError, type Channel } from '@county/contracts';
import { Metrics, PG_POOL } from '@county/service-kit';
import { findApiKey, type ApiKey } from './api-keys';
import { RateLimiter } from './rate-limiter';
import { INTAKE_SETTINGS, type IntakeSettings } from '../settings';

type WithKey = Request & { apiKey?: ApiKey };

/** The one rate limiter of the process (per key). */
@Injectable()
export class KeyRateLimiter extends RateLimiter {}

/** How many requests of callers with a key this process is working on (bounded by INTAKE_MAX_IN_FLIGHT). */
@Injectable()
export class RequestsInFlight {
  private count = 0;

  /** The places taken now. */
  get taken(): number {
    return this.count;
  }

  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Takes a place until the response is finished or the connection closes; false when all are
   * taken, or when the caller is gone already (it gave up before the guard came to it: a place
   * taken then would never be given back, since its 'close' has been and gone).
   */
  enter(res: Response): boolean {
    if (res.destroyed || res.writableEnded) return false;
    if (this.count >= this.settings.maxRequestsInFlight) {
      this.metrics.requestsShed.inc({ reason: 'in-flight' });
      return false;
    }
    this.count += 1;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      this.count -= 1;
    };
    res.once('finish', leave);
    res.once('close', leave);
    return true;
  }
}

/** Known keys are remembered for a moment (a revocation takes effect within KEY_CACHE_MS); unknown ones never. */
export const KEY_CACHE_MS = 2000;

@Injectable()
export class KeyCache {
  private readonly known = new Map<string, { key: ApiKey; until: number }>();
  /** Lookups under way: requests of one key that miss the cache at the same moment share one query. */
  private readonly looking = new Map<string, Promise<ApiKey | undefined>>();

  async find(pool: Pool, secret: string, nowMs: number): Promise<ApiKey | undefined> {
    const hit = this.known.get(secret);
    if (hit && hit.until > nowMs) return hit.key;
    const under = this.looking.get(secret);
    if (under) return under;
    const lookup = findApiKey(pool, secret).then(
      (key) => {
        this.looking.delete(secret);
        if (key) {
          if (this.known.size > 10_000) this.known.clear();
          this.known.set(secret, { key, until: nowMs + KEY_CACHE_MS });
        } else this.known.delete(secret);
        return key;
      },
      (err: unknown) => {
        this.looking.delete(secret);
        throw err;
      },
    );
    this.looking.set(secret, lookup);
    return lookup;
  }
}

/**
 * Who may call: the key comes in the `X-Api-Key` header (native API) or the `api_key` field
 * (Open311). No key: 401 (Open311: 403, as its spec says); unknown or revoked key: 403;
 * over the key's rate: 429 with Retry-After; the process already working on as many requests as
 * it takes: 429 with Retry-After too (a storm is told to come back instead of waiting into a
 * time-out; a process running too far behind refuses even before this, see load-shedding.ts).
 * Guards run before validation and handlers, so a refused caller never stores anything.
 */
abstract class KeyGuard implements CanActivate {
  protected abstract readonly missingKind: 'unauthorised' | 'forbidden';

  constructor(
    private readonly pool: Pool,
    private readonly limiter: KeyRateLimiter,
    private readonly keys: KeyCache,
    private readonly inFlight: RequestsInFlight,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WithKey>();
    const res = context.switchToHttp().getResponse<Response>();
    const secret = secretOf(req);
    if (!secret) throw new DomainError(ErrorCodes.AUTH_KEY_MISSING, 'an API key is required (X-Api-Key header or api_key)', this.missingKind);
    // a place first, before anything waits on the database (the key's lookup too): beyond the
    // limit, a storm is answered at once instead of queueing for connections
    if (!this.inFlight.enter(res)) {
      res.setHeader('Retry-After', '1');
      throw new DomainError(ErrorCodes.INTAKE_BUSY, 'intake is working on as many requests as it takes; retry after 1 s', 'rate-limited', { retryAfterSeconds: 1 });
    }
    const key = await this.keys.find(this.pool, secret, Date.now());
    if (!key) throw new DomainError(ErrorCodes.AUTH_KEY_INVALID, 'the API key is not valid', 'forbidden');
    if (key.revoked) throw new DomainError(ErrorCodes.AUTH_KEY_REVOKED, 'the API key was revoked', 'forbidden');
    const taken = this.limiter.take(key.keyId, key.ratePerMinute, key.burst, Date.now());
    if (!taken.allowed) {
      res.setHeader('Retry-After', String(taken.retryAfterSeconds));
      throw new DomainError(ErrorCodes.AUTH_RATE_LIMITED, `too many requests for this key; retry after ${taken.retryAfterSeconds} s`, 'rate-limited', { retryAfterSeconds: taken.retryAfterSeconds });
    }
    req.apiKey = key;
    return true;
  }
}

function secretOf(req: WithKey): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  const body = req.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body.api_key : undefined;
  if (typeof fromBody === 'string' && fromBody.length > 0) return fromBody;
  const fromQuery = req.query?.api_key;
  return typeof fromQuery === 'string' && fromQuery.length > 0 ? fromQuery : undefined;
}

@Injectable()
export class ApiKeyGuard extends KeyGuard implements CanActivate {
  protected readonly missingKind = 'unauthorised' as const;
  constructor(@Inject(PG_POOL) pool: Pool, limiter: KeyRateLimiter, keys: KeyCache, inFlight: RequestsInFlight) {
    super(pool, limiter, keys, inFlight);
  }
}

@Injectable()
export class Open311KeyGuard extends KeyGuard implements CanActivate {
  protected readonly missingKind = 'forbidden' as const;
  constructor(@Inject(PG_POOL) pool: Pool, limiter: KeyRateLimiter, keys: KeyCache, inFlight: RequestsInFlight) {
    super(pool, limiter, keys, inFlight);
  }
}

/** The calling key, as checked by the guard. */
export const CallerKey = createParamDecorator((_: unknown, context: ExecutionContext): ApiKey => {
  const key = context.switchToHttp().getRequest<WithKey>().apiKey;
  if (!key) throw new DomainError(ErrorCodes.AUTH_KEY_MISSING, 'an API key is required', 'unauthorised');
  return key;
});

/**
 * Which cases a key may read: a channel's key only the cases its own channel filed (another
 * channel's case is "no such case"); a centre key every case (undefined: no restriction).
 */
export function readableChannel(key: ApiKey): Channel | undefined {
  if (key.role === 'centre') return undefined;
  if (key.channel === null) throw new DomainError(ErrorCodes.AUTH_KEY_INVALID, 'this channel key names no channel', 'forbidden');
  return key.channel;
}

/** Only centre staff's keys may merge cases. */
export function requireCentre(key: ApiKey): void {
  if (key.role !== 'centre') throw new DomainError(ErrorCodes.AUTH_CENTRE_ONLY, 'only centre staff may do this', 'forbidden');
}
