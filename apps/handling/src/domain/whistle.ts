import {
  ErrorCodes,
  DomainError,
  type Decider,
  type Urgency,
  type WhistleAnsweredData,
  type WhistleAnswerRatedData,
  type WhistleBlownData,
  type WhistlePartFinishedData,
  type WhistleReleasedData,
  type WhistleReportedOnSiteData,
} from '@county/contracts';

/**
 * A whistle (吹哨): one call by a township or community on a case to one or more county
 * departments (stream whistle-<whistleId>, subject = the case id). Each called department
 * answers (响应), reports on site (报到) and finishes its part; the caller may release a
 * department instead, and rates each department's answer once. The answer deadline and its
 * escalation belong to the case workflow; this only records what happened.
 * Events -> state -> evolve -> commands -> decide.
 */

// events
export type WhistleEvent =
  | { type: 'whistle.blown.v1'; data: WhistleBlownData }
  | { type: 'whistle.answered.v1'; data: WhistleAnsweredData }
  | { type: 'whistle.reported-on-site.v1'; data: WhistleReportedOnSiteData }
  | { type: 'whistle.part-finished.v1'; data: WhistlePartFinishedData }
  | { type: 'whistle.released.v1'; data: WhistleReleasedData }
  | { type: 'whistle.answer-rated.v1'; data: WhistleAnswerRatedData };

// state
/** Where one called department stands. */
export interface CalledDepartment {
  readonly answered: boolean;
  readonly reportedAt?: string;
  readonly finished: boolean;
  readonly released: boolean;
  readonly rating?: number;
}

export type WhistleState =
  | { readonly status: 'none' }
  | {
      readonly status: 'blown';
      readonly caseId: string;
      readonly whistleId: string;
      readonly callerUnitCode: string;
      readonly departments: Readonly<Record<string, CalledDepartment>>;
    };

export const initialState: WhistleState = { status: 'none' };

function updateDepartment(state: WhistleState, code: string, change: Partial<CalledDepartment>): WhistleState {
  if (state.status !== 'blown') return state;
  const current = state.departments[code];
  if (!current) return state;
  return { ...state, departments: { ...state.departments, [code]: { ...current, ...change } } };
}

export function evolve(state: WhistleState, event: WhistleEvent): WhistleState {
  switch (event.type) {
    case 'whistle.blown.v1':
      return {
        status: 'blown',
        caseId: event.data.caseId,
        whistleId: event.data.whistleId,
        callerUnitCode: event.data.callerUnitCode,
        departments: Object.fromEntries(event.data.calledDepartmentCodes.map((code) => [code, { answered: false, finished: false, released: false }])),
      };
    case 'whistle.answered.v1':
      return updateDepartment(state, event.data.departmentCode, { answered: true });
    case 'whistle.reported-on-site.v1':
      return updateDepartment(state, event.data.departmentCode, { reportedAt: event.data.reportedAt });
    case 'whistle.part-finished.v1':
      return updateDepartment(state, event.data.departmentCode, { finished: true });
    case 'whistle.released.v1':
      return updateDepartment(state, event.data.departmentCode, { released: true });
    case 'whistle.answer-rated.v1':
      return updateDepartment(state, event.data.departmentCode, { rating: event.data.rating });
  }
}

/** The called departments that still hold the case open: neither finished their part nor released. */
export function outstandingDepartments(state: WhistleState): string[] {
  if (state.status !== 'blown') return [];
  return Object.entries(state.departments)
    .filter(([, d]) => !d.finished && !d.released)
    .map(([code]) => code);
}

// commands
/** What the caller knows about the units involved, from the reference data and its own task. */
export interface CallerFacts {
  readonly unitKind: string;
  /** The caller is an active handler of the case and has signed for it. */
  readonly signedFor: boolean;
}

export type BlowWhistle = {
  readonly type: 'BlowWhistle';
  readonly caseId: string;
  readonly whistleId: string;
  readonly callerUnitCode: string;
  readonly caller: CallerFacts;
  readonly calledDepartmentCodes: readonly string[];
  /** The codes among calledDepartmentCodes that are county departments in the reference data. */
  readonly knownDepartmentCodes: readonly string[];
  readonly reason: string;
  readonly needs: string;
  readonly urgency: Urgency;
};
type DepartmentCommand<T extends string> = { readonly type: T; readonly whistleId: string; readonly departmentCode: string; readonly now: string };
export type AnswerWhistle = DepartmentCommand<'AnswerWhistle'>;
export type ReportOnSite = DepartmentCommand<'ReportOnSite'>;
export type FinishPart = DepartmentCommand<'FinishPart'>;
type CallerCommand<T extends string> = { readonly type: T; readonly whistleId: string; readonly callerUnitCode: string; readonly departmentCode: string };
export type ReleaseDepartment = CallerCommand<'ReleaseDepartment'>;
export type RateAnswer = CallerCommand<'RateAnswer'> & { readonly rating: number; readonly comment: string };

export type WhistleCommand = BlowWhistle | AnswerWhistle | ReportOnSite | FinishPart | ReleaseDepartment | RateAnswer;

export const MAX_CALLED_DEPARTMENTS = 10;

function blown(state: WhistleState, whistleId: string): Extract<WhistleState, { status: 'blown' }> {
  if (state.status !== 'blown') throw new DomainError(ErrorCodes.WHISTLE_NOT_FOUND, `no whistle ${whistleId}`, 'not-found');
  return state;
}

function called(state: Extract<WhistleState, { status: 'blown' }>, departmentCode: string): CalledDepartment {
  const d = state.departments[departmentCode];
  if (!d) throw new DomainError(ErrorCodes.WHISTLE_NOT_CALLED, `${departmentCode} was not called by whistle ${state.whistleId}`, 'forbidden');
  return d;
}

function assertCaller(state: Extract<WhistleState, { status: 'blown' }>, unitCode: string): void {
  if (state.callerUnitCode !== unitCode) throw new DomainError(ErrorCodes.WHISTLE_NOT_CALLER, `only ${state.callerUnitCode}, who blew whistle ${state.whistleId}, may do this`, 'forbidden');
}

export function decide(command: WhistleCommand, state: WhistleState): WhistleEvent[] {
  switch (command.type) {
    case 'BlowWhistle': {
      if (state.status !== 'none') throw new DomainError(ErrorCodes.WHISTLE_ALREADY_BLOWN, `whistle ${command.whistleId} exists`, 'conflict');
      if (command.caller.unitKind !== 'township' && command.caller.unitKind !== 'community') {
        throw new DomainError(ErrorCodes.WHISTLE_CALLER_NOT_GRASSROOTS, 'only a township or a community may blow the whistle', 'forbidden');
      }
      if (!command.caller.signedFor) throw new DomainError(ErrorCodes.CASE_NOT_SIGNED, `${command.callerUnitCode} has not signed for case ${command.caseId} yet`, 'conflict');
      const codes = [...new Set(command.calledDepartmentCodes)];
      if (codes.length === 0 || codes.length > MAX_CALLED_DEPARTMENTS) {
        throw new DomainError(ErrorCodes.WHISTLE_DEPARTMENTS_INVALID, `call 1 to ${MAX_CALLED_DEPARTMENTS} county departments`, 'unprocessable');
      }
      const unknown = codes.filter((c) => !command.knownDepartmentCodes.includes(c));
      if (unknown.length) throw new DomainError(ErrorCodes.WHISTLE_NOT_A_DEPARTMENT, `not county departments: ${unknown.join(', ')}`, 'unprocessable', { departmentCodes: unknown });
      return [
        {
          type: 'whistle.blown.v1',
          data: {
            caseId: command.caseId,
            whistleId: command.whistleId,
            callerUnitCode: command.callerUnitCode,
            calledDepartmentCodes: codes,
            reason: command.reason,
            needs: command.needs,
            urgency: command.urgency,
          },
        },
      ];
    }

    case 'AnswerWhistle': {
      const s = blown(state, command.whistleId);
      const d = called(s, command.departmentCode);
      if (d.released) throw new DomainError(ErrorCodes.WHISTLE_DEPARTMENT_RELEASED, `${command.departmentCode} was released from whistle ${s.whistleId}`, 'conflict');
      if (d.answered) throw new DomainError(ErrorCodes.WHISTLE_ALREADY_ANSWERED, `${command.departmentCode} already answered whistle ${s.whistleId}`, 'conflict');
      return [{ type: 'whistle.answered.v1', data: { caseId: s.caseId, whistleId: s.whistleId, departmentCode: command.departmentCode } }];
    }

    case 'ReportOnSite': {
      const s = blown(state, command.whistleId);
      const d = called(s, command.departmentCode);
      if (d.released) throw new DomainError(ErrorCodes.WHISTLE_DEPARTMENT_RELEASED, `${command.departmentCode} was released from whistle ${s.whistleId}`, 'conflict');
      if (!d.answered) throw new DomainError(ErrorCodes.WHISTLE_NOT_ANSWERED, `${command.departmentCode} must answer whistle ${s.whistleId} before reporting on site`, 'conflict');
      if (d.reportedAt !== undefined) throw new DomainError(ErrorCodes.WHISTLE_ALREADY_REPORTED, `${command.departmentCode} reported on site at ${d.reportedAt}`, 'conflict');
      return [{ type: 'whistle.reported-on-site.v1', data: { caseId: s.caseId, whistleId: s.whistleId, departmentCode: command.departmentCode, reportedAt: command.now } }];
    }

    case 'FinishPart': {
      const s = blown(state, command.whistleId);
      const d = called(s, command.departmentCode);
      if (d.released) throw new DomainError(ErrorCodes.WHISTLE_DEPARTMENT_RELEASED, `${command.departmentCode} was released from whistle ${s.whistleId}`, 'conflict');
      if (d.reportedAt === undefined) throw new DomainError(ErrorCodes.WHISTLE_NOT_REPORTED, `${command.departmentCode} must report on site before finishing its part`, 'conflict');
      if (d.finished) throw new DomainError(ErrorCodes.WHISTLE_PART_ALREADY_FINISHED, `${command.departmentCode} already finished its part`, 'conflict');
      return [{ type: 'whistle.part-finished.v1', data: { caseId: s.caseId, whistleId: s.whistleId, departmentCode: command.departmentCode } }];
    }

    case 'ReleaseDepartment': {
      const s = blown(state, command.whistleId);
      assertCaller(s, command.callerUnitCode);
      const d = called(s, command.departmentCode);
      if (d.finished) throw new DomainError(ErrorCodes.WHISTLE_PART_ALREADY_FINISHED, `${command.departmentCode} already finished its part; nothing to release`, 'conflict');
      if (d.released) throw new DomainError(ErrorCodes.WHISTLE_ALREADY_RELEASED, `${command.departmentCode} was already released`, 'conflict');
      return [{ type: 'whistle.released.v1', data: { caseId: s.caseId, whistleId: s.whistleId, departmentCode: command.departmentCode } }];
    }

    case 'RateAnswer': {
      const s = blown(state, command.whistleId);
      assertCaller(s, command.callerUnitCode);
      const d = called(s, command.departmentCode);
      if (!d.answered) throw new DomainError(ErrorCodes.WHISTLE_NOT_ANSWERED, `${command.departmentCode} has not answered whistle ${s.whistleId}; there is nothing to rate yet`, 'conflict');
      if (d.rating !== undefined) throw new DomainError(ErrorCodes.WHISTLE_ALREADY_RATED, `the answer of ${command.departmentCode} was rated ${d.rating}`, 'conflict');
      if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5) {
        throw new DomainError(ErrorCodes.WHISTLE_RATING_INVALID, 'a rating is a whole number from 1 to 5', 'unprocessable');
      }
      return [
        {
          type: 'whistle.answer-rated.v1',
          data: {
            caseId: s.caseId,
            whistleId: s.whistleId,
            departmentCode: command.departmentCode,
            rating: command.rating as WhistleAnswerRatedData['rating'],
            comment: command.comment,
          },
        },
      ];
    }

    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const whistle: Decider<WhistleCommand, WhistleEvent, WhistleState> = { initialState, evolve, decide };

export function whistleStreamId(whistleId: string): string {
  return `whistle-${whistleId}`;
}
