import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ConnectionWaitExceeded, inTransaction, executeCommand, type EventStore } from '@county/event-store';
import { CONFIG, EVENT_STORE, PG_POOL, Metrics, type ServiceConfig } from '@county/service-kit';
import { ErrorCodes, DomainError, type AppealType, type CaseReceivedData, type Channel, type EventMetadata, type Urgency } from '@county/contracts';
import { leafCategory, resolveLocation } from '@county/reference';
import { intakeCase } from '../../domain/intake-case';
import { earlierCaseFor } from '../../domain/repeat-appeal';
import { maskPhone, residentIdentity, toE164 } from '../../domain/resident';
import { residentId } from '../../resident-id';
import { applyIntakeEvent } from '../../storage/case-view';
import { INTAKE_SETTINGS, type IntakeSettings } from '../../settings';
import type { ApiKey } from '../../auth/api-keys';

/** An appeal as either API hands it over (native DTO or Open311 form), already validated for shape. */
export interface AppealInput {
  readonly channel: Channel;
  readonly channelReference: string;
  readonly appealType: AppealType;
  readonly categoryCode: string;
  readonly urgency: Urgency;
  readonly description: string;
  readonly location: { readonly address?: string; readonly gridCode?: string; readonly latitude?: number; readonly longitude?: number };
  readonly resident: { readonly name?: string; readonly phone?: string; readonly email?: string; readonly anonymous?: boolean };
  readonly receivedAt: string;
  readonly attachments: readonly string[];
}

export type AppealOutcome =
  | {
      readonly outcome: 'created';
      readonly caseId: string;
      readonly status: 'received';
      readonly receivedAt: string;
      readonly location: { resolved: boolean; gridCode?: string; communityCode?: string; townshipCode?: string };
    }
  | { readonly outcome: 'repeat-appeal'; readonly caseId: string; readonly repeatCount: number; readonly message: string };

export interface AppealAnswer {
  readonly status: number;
  readonly body: AppealOutcome;
  /** true when this is the stored first answer to the same request. */
  readonly replayed: boolean;
}

export interface ReceiveOptions {
  readonly caller: ApiKey;
  readonly correlationId: string;
  readonly idempotencyKey?: string;
  /** The field names the API uses, so that a 400 names the caller's own field. */
  readonly fieldNames?: { readonly categoryCode?: string; readonly channel?: string; readonly phone?: string };
  /** What makes two requests "the same" for Idempotency-Key; the appeal itself when absent. */
  readonly requestHash?: string;
  /** True once the caller has hung up: then nothing is stored (see callerGone). */
  readonly callerGone?: () => boolean;
}

/**
 * Whether the caller of this response has hung up (its connection closed before the answer was
 * sent). A caller that gave up does not know what became of its appeal and sends it again; a
 * case stored for it then would be one it was never told of.
 */
export function callerGone(res: { destroyed: boolean; writableEnded: boolean; socket?: { destroyed: boolean } | null }): boolean {
  return !res.writableEnded && (res.destroyed || res.socket?.destroyed === true);
}

/** Refuses to go on for a caller that has hung up; the transaction it is in is rolled back, so nothing is stored. */
function stopIfCallerGone(options: ReceiveOptions): void {
  if (options.callerGone?.()) {
    throw new DomainError(ErrorCodes.INTAKE_BUSY, 'the caller hung up before its appeal was stored; nothing was stored', 'rate-limited', { retryAfterSeconds: 1 });
  }
}

/**
 * Turns an accepted appeal into a case, or records it as a repeat appeal on the open case it
 * repeats. Idempotency key, channel reference, events, read model and the resident's private
 * record commit in one transaction; a refusal writes nothing.
 */
@Injectable()
export class ReceiveCaseHandler {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: ServiceConfig,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly metrics: Metrics,
  ) {}

  async execute(typed: AppealInput, options: ReceiveOptions): Promise<AppealAnswer> {
    const input = withE164Phone(typed, options.fieldNames?.phone ?? 'resident.phone');
    const categoryField = options.fieldNames?.categoryCode ?? 'categoryCode';
    if (!leafCategory(input.categoryCode)) {
      throw new DomainError(ErrorCodes.VALIDATION_FAILED, `invalid request: ${categoryField}`, 'invalid', {
        errors: [{ field: categoryField, messages: [`${categoryField} must be a leaf category code of the catalogue`] }],
      });
    }
    const { caller } = options;
    if (caller.role === 'channel' && caller.channel !== input.channel) {
      throw new DomainError(ErrorCodes.AUTH_WRONG_CHANNEL, `this key files cases for the channel ${caller.channel}, not ${input.channel}`, 'forbidden');
    }
    const requestHash = options.requestHash ?? hashOf(input);
    return inTransaction(this.pool, (db) => this.receiveIn(db, input, requestHash, options), { connectWithinMs: this.settings.connectionWaitMs }).catch((err: unknown) => {
      if (!(err instanceof ConnectionWaitExceeded)) throw err;
      this.metrics.requestsShed.inc({ reason: 'connection-wait' });
      throw new DomainError(ErrorCodes.INTAKE_BUSY, `intake had no database connection for this appeal within ${err.waitedMs} ms; nothing was stored; retry after 1 s`, 'rate-limited', {
        retryAfterSeconds: 1,
      });
    });
  }

  private async receiveIn(db: PoolClient, input: AppealInput, requestHash: string, options: ReceiveOptions): Promise<AppealAnswer> {
    const { caller } = options;
    // the wait for a connection is where a storm makes a caller give up: checked after it, and again before the commit
    stopIfCallerGone(options);
    if (options.idempotencyKey !== undefined) {
      await lock(db, `idem:${caller.keyId}:${options.idempotencyKey}`);
      const seen = await db.query<{ request_hash: string; status: number; response: AppealOutcome }>(
        'SELECT request_hash, status, response FROM intake.idempotency_keys WHERE key_id = $1 AND idempotency_key = $2',
        [caller.keyId, options.idempotencyKey],
      );
      const first = seen.rows[0];
      if (first) {
        if (first.request_hash !== requestHash) throw new DomainError(ErrorCodes.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was used with a different body', 'conflict');
        return { status: first.status, body: first.response, replayed: true };
      }
    }
    const answer = await this.receiveOnce(db, input, requestHash, options);
    if (options.idempotencyKey !== undefined) {
      await db.query('INSERT INTO intake.idempotency_keys (key_id, idempotency_key, request_hash, status, response) VALUES ($1, $2, $3, $4, $5)', [
        caller.keyId,
        options.idempotencyKey,
        requestHash,
        answer.status,
        JSON.stringify(answer.body),
      ]);
    }
    if (!answer.replayed) stopIfCallerGone(options);
    return answer;
  }

  private async receiveOnce(db: PoolClient, input: AppealInput, requestHash: string, options: ReceiveOptions): Promise<AppealAnswer> {
    const now = new Date().toISOString();
    const metadata: EventMetadata = { time: now, correlationId: options.correlationId, causationId: options.correlationId };
    const anonymous = input.resident.anonymous === true || (!input.resident.phone && !input.resident.name && !input.resident.email);
    const resident = anonymous ? undefined : residentId(this.config.residentIdKey, residentIdentity(input.resident));
    const place = resolveLocation(input.location);
    const receivedAt = new Date(input.receivedAt).toISOString();

    // the channel's own reference is a natural dedupe key; the resident and category guard the repeat check
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))', [
      `ref:${input.channel}:${input.channelReference}`,
      resident ? `repeat:${resident}:${input.categoryCode}` : `ref:${input.channel}:${input.channelReference}`,
    ]);
    // after the locks (a statement of its own, so that its snapshot sees what the lock holders committed)
    const seen = await db.query<{ kind: 'ref' | 'open'; case_id: string; request_hash: string | null; status: number | null; response: AppealOutcome | null; grid_code: string | null; latitude: number | null; longitude: number | null; received_at: Date | null }>(
      `SELECT 'ref' AS kind, case_id, request_hash, status, response, NULL AS grid_code, NULL::float8 AS latitude, NULL::float8 AS longitude, NULL::timestamptz AS received_at
         FROM intake.channel_references WHERE channel = $1 AND reference = $2
       UNION ALL
       SELECT 'open', case_id, NULL, NULL, NULL, grid_code, latitude, longitude, received_at
         FROM intake.case_view WHERE $3::text IS NOT NULL AND resident_id = $3 AND category_code = $4 AND status <> 'closed' AND merged_into IS NULL`,
      [input.channel, input.channelReference, resident ?? null, input.categoryCode],
    );
    const first = seen.rows.find((r) => r.kind === 'ref');
    if (first) {
      if (first.request_hash !== requestHash) {
        throw new DomainError(ErrorCodes.CASE_DUPLICATE_REFERENCE, `the channel reference ${input.channelReference} was already used for another appeal`, 'conflict', { caseId: first.case_id });
      }
      return { status: first.status ?? 200, body: first.response as AppealOutcome, replayed: true };
    }
    const appealPlace = place.resolved ? { ...input.location, gridCode: place.gridCode } : input.location;
    const earlier = earlierCaseFor(
      appealPlace,
      seen.rows
        .filter((r) => r.kind === 'open')
        .map((r) => ({ caseId: r.case_id, gridCode: r.grid_code, latitude: r.latitude, longitude: r.longitude, receivedAt: (r.received_at as Date).toISOString() })),
      this.settings.repeatDistanceMeters,
    )?.caseId;

    let answer: AppealAnswer;
    if (earlier && resident) {
      const result = await executeCommand(
        this.store,
        earlier,
        intakeCase,
        { type: 'RecordRepeatAppeal', data: { caseId: earlier, channel: input.channel, channelReference: input.channelReference, receivedAt, residentId: resident } },
        metadata,
        { client: db },
      );
      for (const e of result.events) await applyIntakeEvent(e, db);
      const repeatCount = result.state.status === 'none' ? 0 : result.state.repeatCount;
      this.metrics.eventsAppended.inc({ type: 'case.repeat-appeal-recorded.v1' });
      answer = {
        status: 200,
        replayed: false,
        body: { outcome: 'repeat-appeal', caseId: earlier, repeatCount, message: `recorded as repeat appeal ${repeatCount} on the open case ${earlier}` },
      };
    } else {
      const caseId = randomUUID();
      const location: CaseReceivedData['location'] = {
        ...(input.location.address !== undefined && { address: input.location.address }),
        ...(input.location.latitude !== undefined && { latitude: input.location.latitude }),
        ...(input.location.longitude !== undefined && { longitude: input.location.longitude }),
        ...(place.resolved
          ? { gridCode: place.gridCode, communityCode: place.communityCode, townshipCode: place.townshipCode, resolved: true }
          : { ...(input.location.gridCode !== undefined && { gridCode: input.location.gridCode }), resolved: false }),
      };
      const data: CaseReceivedData = {
        caseId,
        channel: input.channel,
        channelReference: input.channelReference,
        appealType: input.appealType,
        categoryCode: input.categoryCode,
        urgency: input.urgency,
        description: input.description,
        location,
        resident: anonymous
          ? { anonymous: true }
          : { anonymous: false, residentId: resident, ...(input.resident.phone && { maskedPhone: maskPhone(input.resident.phone) }) },
        receivedAt,
        attachments: [...input.attachments],
      };
      // a new random case id has no history: decide on the initial state and append with 'no_stream'
      const decided = intakeCase.decide({ type: 'ReceiveCase', data }, intakeCase.initialState);
      const appended = await this.store.append(caseId, decided, { expectedVersion: 'no_stream', metadata, client: db });
      for (const e of appended.events) await applyIntakeEvent(e, db);
      this.metrics.eventsAppended.inc({ type: 'case.received.v1' });
      const { address: _address, latitude: _lat, longitude: _lon, ...placeCodes } = location;
      answer = { status: 201, replayed: false, body: { outcome: 'created', caseId, status: 'received', receivedAt, location: placeCodes } };
    }
    // one round trip: the resident's private record (a new, non-anonymous case) and the dedupe row
    const contact = answer.status === 201 && !anonymous;
    await db.query(
      `WITH contact AS (
         INSERT INTO intake.resident_contacts (case_id, name, phone, email) SELECT $3, $7, $8, $9 WHERE $10::boolean)
       INSERT INTO intake.channel_references (channel, reference, case_id, request_hash, status, response) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        input.channel,
        input.channelReference,
        answer.body.caseId,
        requestHash,
        answer.status,
        JSON.stringify(answer.body),
        input.resident.name ?? null,
        input.resident.phone ?? null,
        input.resident.email ?? null,
        contact,
      ],
    );
    return answer;
  }
}

/** The phone in E.164 before anything stores or hashes it: one resident is one residentId however the phone was typed. */
function withE164Phone(input: AppealInput, field: string): AppealInput {
  // null is "not given", as class-validator's IsOptional has it
  if (typeof input.resident.phone !== 'string') return { ...input, resident: { ...input.resident, phone: undefined } };
  const phone = toE164(input.resident.phone);
  if (!phone) {
    throw new DomainError(ErrorCodes.VALIDATION_FAILED, `invalid request: ${field}`, 'invalid', {
      errors: [{ field, messages: [`${field} must be a phone number: a mainland mobile, a landline with its area code, or +country code and number`] }],
    });
  }
  return { ...input, resident: { ...input.resident, phone } };
}

async function lock(db: PoolClient, key: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}

/** A stable hash of the request: the same appeal sent twice hashes the same. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
