import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CloudEvent } from '@county/contracts';
import { ConsumerGroup, EventContext } from '@county/service-kit';
import type { DispatchCaseCommand, Reopen } from '../domain/dispatch-case';
import { CaseCommands } from '../cases/case-commands';
import { Reopens } from '../reopens/reopens';

/** The fields of handling's events that the centre reads (the agreed catalogue). */
type Data = Readonly<Record<string, unknown>>;

function text(data: Data, field: string): string {
  const v = data[field];
  if (typeof v !== 'string' || v.length === 0) throw new Error(`field ${field} is missing`);
  return v;
}

/** The handling events that carry a unit's request to the centre (each has its command in commandOf). */
export const UNIT_REQUEST_EVENT_TYPES = [
  'case.transfer-requested.v1',
  'case.result-submitted.v1',
  'case.extension-requested.v1',
  'case.pause-requested.v1',
  'case.resume-requested.v1',
] as const;

/**
 * A unit's side of the case, as handling's events tell it, turned into the centre's commands:
 * transfer, extension and pause requests are registered (or refused by the rules), a submitted
 * result goes to the review queue, a resume request runs the clock again. The time of the
 * request is the time of the handling event (when the unit asked), not when it arrived here.
 */
export function commandOf(event: CloudEvent): DispatchCaseCommand | null {
  const data = (event.data ?? {}) as Data;
  switch (event.type) {
    case 'case.transfer-requested.v1':
      return { type: 'RegisterTransferRequest', unitCode: text(data, 'unitCode'), reason: text(data, 'reason'), requestedAt: event.time };
    case 'case.result-submitted.v1':
      return {
        type: 'RegisterResult',
        unitCode: text(data, 'unitCode'),
        result: text(data, 'result'),
        evidenceUrls: Array.isArray(data.evidenceUrls) ? data.evidenceUrls.filter((u): u is string => typeof u === 'string') : [],
        submittedAt: event.time,
      };
    case 'case.extension-requested.v1': {
      const days = Number(data.extraWorkingDays);
      if (!Number.isInteger(days) || days < 1) throw new Error('field extraWorkingDays must be a whole number >= 1');
      return { type: 'RegisterExtensionRequest', unitCode: text(data, 'unitCode'), extraWorkingDays: days, reason: text(data, 'reason'), requestedAt: event.time };
    }
    case 'case.pause-requested.v1':
      return { type: 'RegisterPauseRequest', unitCode: text(data, 'unitCode'), reason: text(data, 'reason'), requestedAt: event.time };
    case 'case.resume-requested.v1':
      return { type: 'ResumeClock', unitCode: text(data, 'unitCode'), now: event.time };
    default:
      return null;
  }
}

/** The unit's requests that depend on a reopen carry it (a fact from evaluation, not a dispatch event). */
export function withReopen(command: DispatchCaseCommand, reopen: Reopen): DispatchCaseCommand {
  switch (command.type) {
    case 'RegisterTransferRequest':
    case 'RegisterExtensionRequest':
    case 'RegisterPauseRequest':
      return { ...command, reopen };
    default:
      return command;
  }
}

@ConsumerGroup({ purpose: 'unit-requests', from: ['handling'] })
export class UnitRequestsConsumer {
  constructor(
    private readonly cases: CaseCommands,
    private readonly reopens: Reopens,
  ) {}

  @EventPattern([...UNIT_REQUEST_EVENT_TYPES])
  async handle(@Payload() event: CloudEvent, @Ctx() { db, log }: EventContext): Promise<void> {
    const command = commandOf(event);
    if (!command) return;
    // a reopened case (重办): the unit's requests are measured against the redo round
    const reopen = await this.reopens.of(event.subject, db);
    const result = await this.cases.execute(
      event.subject,
      reopen ? withReopen(command, { unitCode: reopen.unitCode, redoCount: reopen.redoCount, reopenedAt: reopen.reopenedAt }) : command,
      { time: new Date().toISOString(), correlationId: event.correlationid, causationId: event.id },
      { client: db },
    );
    log.info({ events: result.events }, 'unit request handled');
  }
}
