import { defineSchema, oas, object } from '@county/service-kit';

/** The answers of handling's proactive-task endpoints as named OpenAPI schemas. */

const PROACTIVE_TASK_ROW_PROPERTIES = {
  kind: oas.enumOf(['proactive-task']),
  taskId: oas.string,
  hotspotId: oas.string,
  role: { ...oas.enumOf(['lead', 'cooperating']), description: 'lead: the unit the task was routed to; cooperating units read it' },
  unitCode: oas.string,
  cooperatingUnitCodes: oas.arrayOf(oas.string),
  status: { ...oas.enumOf(['new', 'signed', 'closed']), description: 'new: not signed for; signed: being worked on; closed: the closure report is in' },
  categoryCode: oas.string,
  placeKind: oas.enumOf(['grid', 'community']),
  placeCode: oas.string,
  townshipCode: oas.nullableString,
  period: { ...oas.string, description: "the hotspot's month, YYYY-MM" },
  linkedCaseIds: { ...oas.arrayOf(oas.string), description: 'the cases behind the hotspot' },
  openedAt: oas.instant,
  deadline: { ...oas.instant, description: "the category's handling limit from opening, in working time" },
  signedAt: oas.nullableInstant,
  lastProgressAt: oas.nullableInstant,
  closedAt: oas.nullableInstant,
  late: { ...oas.nullable(oas.boolean), description: 'closed after the deadline; null while open' },
  warningLevel: { ...oas.nullable(oas.enumOf(['yellow', 'orange'])), description: "from the task's workflow: yellow at 50 %, orange at 75 % of the time" },
  overdue: { ...oas.boolean, description: "the task's workflow found it open at its deadline (or it was closed late)" },
};

export const PROACTIVE_TASK_ROW = defineSchema('ProactiveTaskRow', object(PROACTIVE_TASK_ROW_PROPERTIES));

export const PROACTIVE_TASK_VIEW = defineSchema(
  'ProactiveTaskView',
  object({
    ...PROACTIVE_TASK_ROW_PROPERTIES,
    notes: oas.arrayOf(object({ noteId: oas.uuid, kind: oas.enumOf(['progress', 'closure']), unitCode: oas.string, text: oas.string, notedAt: oas.instant })),
  }),
);

export const PROACTIVE_TASK_OUTCOME = defineSchema(
  'ProactiveTaskCommandOutcome',
  object({ taskId: oas.string, unitCode: oas.string, version: { ...oas.integer, description: "the version of the task's stream in handling after the command" }, events: oas.arrayOf(object({ id: oas.uuid, type: oas.string })) }),
);
