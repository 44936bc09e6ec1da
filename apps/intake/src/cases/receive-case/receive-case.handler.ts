import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction, executeCommand, type EventStore } from '@county/event-store';
import { CONFIG, EVENT_STORE, PG_POOL, Metrics, type ServiceConfig } from '@county/service-kit';
import type { CaseReceivedData } from '@county/contracts';
import { intakeCase } from '../../domain/intake-case';
import { maskPhone } from '../../domain/resident';
import { residentId } from '../../resident-id';
import type { ReceiveCaseDto } from './receive-case.dto';

export interface CaseAccepted {
  readonly caseId: string;
  readonly status: 'received';
  readonly receivedAt: string;
}

/** Turns an accepted appeal into a case: the event and the resident's private record commit together. */
@Injectable()
export class ReceiveCaseHandler {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: Metrics,
  ) {}

  async execute(dto: ReceiveCaseDto, correlationId: string): Promise<CaseAccepted> {
    const caseId = randomUUID();
    const now = new Date().toISOString();
    const anonymous = dto.resident.anonymous === true || (!dto.resident.phone && !dto.resident.name);
    const data: CaseReceivedData = {
      caseId,
      channel: dto.channel,
      channelReference: dto.channelReference,
      appealType: dto.appealType,
      categoryCode: dto.categoryCode,
      urgency: dto.urgency,
      description: dto.description,
      location: {
        ...(dto.location.address !== undefined && { address: dto.location.address }),
        ...(dto.location.gridCode !== undefined && { gridCode: dto.location.gridCode }),
        ...(dto.location.latitude !== undefined && { latitude: dto.location.latitude }),
        ...(dto.location.longitude !== undefined && { longitude: dto.location.longitude }),
        resolved: false,
      },
      resident: anonymous
        ? { anonymous: true }
        : {
            anonymous: false,
            residentId: residentId(this.config.residentIdKey, dto.resident.phone ?? dto.resident.name ?? ''),
            ...(dto.resident.phone && { maskedPhone: maskPhone(dto.resident.phone) }),
          },
      receivedAt: new Date(dto.receivedAt).toISOString(),
      attachments: dto.attachments ?? [],
    };
    await inTransaction(this.pool, async (client) => {
      await executeCommand(this.store, caseId, intakeCase, { type: 'ReceiveCase', data }, { time: now, correlationId, causationId: correlationId }, { client });
      if (!anonymous) {
        await client.query(`INSERT INTO ${this.config.schema}.resident_contacts (case_id, name, phone) VALUES ($1, $2, $3)`, [caseId, dto.resident.name ?? null, dto.resident.phone ?? null]);
      }
    });
    this.metrics.eventsAppended.inc({ type: 'case.received.v1' });
    return { caseId, status: 'received', receivedAt: data.receivedAt };
  }
}
