import { handlingTask, type CentreFacts, type HandlingTaskCommand, type HandlingTaskEvent } from '../src/domain/handling-task';
import { deciderSpec } from '@county/testing';

const caseId = 'case-1';
const unitCode = 'QH-CG-01';
const now = '2026-03-02T02:00:00.000Z';
const lead: CentreFacts = { role: 'lead', active: true, transferRulings: 0, extensionRulings: 0, resultRulings: 0, resultApproved: false, paused: false, reopens: 0 };
const coHandler: CentreFacts = { ...lead, role: 'co-handler' };

const signed: HandlingTaskEvent = { type: 'case.signed-for.v1', data: { caseId, unitCode, signedAt: '2026-03-02T01:00:00.000Z' } };
const submitted: HandlingTaskEvent = { type: 'case.result-submitted.v1', data: { caseId, unitCode, result: 'done', evidenceUrls: [] } };

type Cmd = { [K in HandlingTaskCommand['type']]: Omit<Extract<HandlingTaskCommand, { type: K }>, 'caseId' | 'unitCode' | 'now' | 'centre'> }[HandlingTaskCommand['type']];

const spec = deciderSpec(handlingTask);
/** The task's commands with who acts, when, and what the centre decided (the lead's facts unless given). */
function given(events: HandlingTaskEvent[]) {
  const g = spec(...events);
  return { when: (command: Cmd, centre: CentreFacts = lead) => g.when({ caseId, unitCode, now, centre, ...command } as HandlingTaskCommand) };
}

const result: Cmd = { type: 'SubmitResult', result: 'done', evidenceUrls: ['https://files.example/1.jpg'], outstandingWhistleDepartments: [] };

describe('handling task: signing for a case', () => {
  it('signs for a dispatched case', () => given([]).when({ type: 'SignFor' }).then([{ type: 'case.signed-for.v1', data: { caseId, unitCode, signedAt: now } }]));
  it('refuses to sign twice', () => given([signed]).when({ type: 'SignFor' }).thenRefused('CASE.ALREADY_SIGNED'));
  it('refuses a unit the case was transferred away from', () => given([]).when({ type: 'SignFor' }, { ...lead, active: false }).thenRefused('CASE.TRANSFERRED_AWAY'));
  it('refuses every move once the result was approved', () => given([signed, submitted]).when({ type: 'NoteProgress', note: 'x' }, { ...lead, resultRulings: 1, resultApproved: true }).thenRefused('CASE.ALREADY_RESOLVED'));
});

describe('handling task: working on a case', () => {
  it('records the first contact once', () => {
    given([signed]).when({ type: 'RecordFirstContact', contactedAt: now }).then([{ type: 'case.first-contact-recorded.v1', data: { caseId, unitCode, contactedAt: now } }]);
    given([signed, { type: 'case.first-contact-recorded.v1', data: { caseId, unitCode, contactedAt: now } }])
      .when({ type: 'RecordFirstContact', contactedAt: now })
      .thenRefused('CASE.FIRST_CONTACT_ALREADY_RECORDED');
  });
  it('refuses a first contact before signing, in the future or before the signing', () => {
    given([]).when({ type: 'RecordFirstContact', contactedAt: now }).thenRefused('CASE.NOT_SIGNED');
    given([signed]).when({ type: 'RecordFirstContact', contactedAt: '2026-03-02T03:00:00.000Z' }).thenRefused('CASE.CONTACT_IN_FUTURE');
    given([signed]).when({ type: 'RecordFirstContact', contactedAt: '2026-03-02T00:00:00.000Z' }).thenRefused('CASE.CONTACT_BEFORE_SIGNING');
  });
  it('notes progress only once signed', () => {
    given([]).when({ type: 'NoteProgress', note: 'on site' }).thenRefused('CASE.NOT_SIGNED');
    given([signed]).when({ type: 'NoteProgress', note: 'on site' }).then([{ type: 'case.progress-noted.v1', data: { caseId, unitCode, note: 'on site' } }]);
  });
});

describe('handling task: asking the centre', () => {
  const transferAsked: HandlingTaskEvent = { type: 'case.transfer-requested.v1', data: { caseId, unitCode, reason: 'not ours' } };
  it('asks to return a case, even before signing, and not again until the centre ruled', () => {
    given([]).when({ type: 'RequestTransfer', reason: 'not ours' }).then([transferAsked]);
    given([transferAsked]).when({ type: 'RequestTransfer', reason: 'not ours' }).thenRefused('CASE.TRANSFER_ALREADY_REQUESTED');
    given([transferAsked]).when({ type: 'RequestTransfer', reason: 'still not ours' }, { ...lead, transferRulings: 1 }).then([
      { type: 'case.transfer-requested.v1', data: { caseId, unitCode, reason: 'still not ours' } },
    ]);
  });
  it('asks for an extension of 1 to 10 working days, as the lead, one at a time', () => {
    const asked: HandlingTaskEvent = { type: 'case.extension-requested.v1', data: { caseId, unitCode, extraWorkingDays: 3, reason: 'waiting' } };
    given([signed]).when({ type: 'RequestExtension', extraWorkingDays: 3, reason: 'waiting' }).then([asked]);
    given([]).when({ type: 'RequestExtension', extraWorkingDays: 3, reason: 'waiting' }).thenRefused('CASE.NOT_SIGNED');
    given([signed]).when({ type: 'RequestExtension', extraWorkingDays: 11, reason: 'waiting' }).thenRefused('CASE.EXTENSION_TOO_LONG');
    given([signed]).when({ type: 'RequestExtension', extraWorkingDays: 3, reason: 'waiting' }, coHandler).thenRefused('CASE.NOT_LEAD');
    given([signed, asked]).when({ type: 'RequestExtension', extraWorkingDays: 3, reason: 'waiting' }).thenRefused('CASE.EXTENSION_ALREADY_REQUESTED');
    given([signed, asked]).when({ type: 'RequestExtension', extraWorkingDays: 2, reason: 'waiting' }, { ...lead, extensionRulings: 1 }).then([
      { type: 'case.extension-requested.v1', data: { caseId, unitCode, extraWorkingDays: 2, reason: 'waiting' } },
    ]);
  });
  it('asks to pause a running clock and to resume a paused one', () => {
    given([signed]).when({ type: 'RequestPause', reason: 'resident away' }).then([{ type: 'case.pause-requested.v1', data: { caseId, unitCode, reason: 'resident away' } }]);
    given([signed]).when({ type: 'RequestPause', reason: 'resident away' }, { ...lead, paused: true }).thenRefused('CASE.ALREADY_PAUSED');
    given([signed]).when({ type: 'RequestResume' }).thenRefused('CASE.NOT_PAUSED');
    given([signed]).when({ type: 'RequestResume' }, { ...lead, paused: true }).then([{ type: 'case.resume-requested.v1', data: { caseId, unitCode } }]);
  });
});

describe('handling task: results', () => {
  it('submits the result of a signed case with its evidence', () =>
    given([signed]).when(result).then([{ type: 'case.result-submitted.v1', data: { caseId, unitCode, result: 'done', evidenceUrls: ['https://files.example/1.jpg'] } }]));
  it('refuses to resolve an unsigned case', () => given([]).when(result).thenRefused('CASE.NOT_SIGNED'));
  it('refuses a second result while the first is under review, and takes a new one after it was sent back', () => {
    given([signed, submitted]).when(result).thenRefused('CASE.RESULT_UNDER_REVIEW');
    given([signed, submitted]).when(result, { ...lead, resultRulings: 1 }).then([
      { type: 'case.result-submitted.v1', data: { caseId, unitCode, result: 'done', evidenceUrls: ['https://files.example/1.jpg'] } },
    ]);
  });
  it('refuses the result while a called department has neither finished nor been released (事不完、人不撤)', () =>
    given([signed]).when({ ...result, outstandingWhistleDepartments: ['QH-URBAN'] } as Cmd).thenRefused('CASE.WHISTLE_OUTSTANDING'));
  it('lets only the lead submit the result and only a co-handler submit a part', () => {
    given([signed]).when(result, coHandler).thenRefused('CASE.NOT_LEAD');
    given([signed]).when({ type: 'SubmitPart', part: 'my part', evidenceUrls: [] }, lead).thenRefused('CASE.NOT_CO_HANDLER');
    given([signed]).when({ type: 'SubmitPart', part: 'my part', evidenceUrls: [] }, coHandler).then([{ type: 'case.part-submitted.v1', data: { caseId, unitCode, part: 'my part', evidenceUrls: [] } }]);
    given([]).when({ type: 'SubmitPart', part: 'my part', evidenceUrls: [] }, coHandler).thenRefused('CASE.NOT_SIGNED');
  });
});

describe('handling task: a reopened case (重办) comes back to the unit for a new round', () => {
  const approved: CentreFacts = { ...lead, resultRulings: 1, resultApproved: true };
  // the centre's facts after evaluation's case.reopened.v1 (redoCount 1): approved once, reopened once
  const reopened: CentreFacts = { ...lead, resultRulings: 1, resultApproved: false, reopens: 1 };
  const signedAgain: HandlingTaskEvent = { type: 'case.signed-for.v1', data: { caseId, unitCode, signedAt: '2026-03-02T01:30:00.000Z' } };
  const contacted: HandlingTaskEvent = { type: 'case.first-contact-recorded.v1', data: { caseId, unitCode, contactedAt: '2026-03-02T01:10:00.000Z' } };

  it('refuses a new result while the approval stands (not reopened)', () => given([signed, submitted]).when(result, approved).thenRefused('CASE.ALREADY_RESOLVED'));

  it('lets the unit sign for the reopened case again', () =>
    given([signed, submitted]).when({ type: 'SignFor' }, reopened).then([{ type: 'case.signed-for.v1', data: { caseId, unitCode, signedAt: now } }]));

  it('wants the new round signed for before anything else is done', () => {
    given([signed, submitted]).when(result, reopened).thenRefused('CASE.NOT_SIGNED');
    given([signed, submitted]).when({ type: 'NoteProgress', note: 'back on site' }, reopened).thenRefused('CASE.NOT_SIGNED');
  });

  it('takes a second result once signed for again', () =>
    given([signed, submitted, signedAgain])
      .when(result, reopened)
      .then([{ type: 'case.result-submitted.v1', data: { caseId, unitCode, result: 'done', evidenceUrls: ['https://files.example/1.jpg'] } }]));

  it('refuses a second signing in the same round, and keeps the first contact of the first round', () => {
    given([signed, contacted, submitted, signedAgain]).when({ type: 'SignFor' }, reopened).thenRefused('CASE.ALREADY_SIGNED');
    given([signed, contacted, submitted, signedAgain]).when({ type: 'RecordFirstContact', contactedAt: now }, reopened).thenRefused('CASE.FIRST_CONTACT_ALREADY_RECORDED');
  });

  it('keeps the second result under review until the centre rules on it, then is done once approved again', () => {
    const second: HandlingTaskEvent = { type: 'case.result-submitted.v1', data: { caseId, unitCode, result: 'done again', evidenceUrls: [] } };
    given([signed, submitted, signedAgain, second]).when(result, reopened).thenRefused('CASE.RESULT_UNDER_REVIEW');
    given([signed, submitted, signedAgain, second]).when({ type: 'NoteProgress', note: 'x' }, { ...reopened, resultRulings: 2, resultApproved: true }).thenRefused('CASE.ALREADY_RESOLVED');
  });

  it('reworks a second result the centre sent back', () =>
    given([signed, submitted, signedAgain, { type: 'case.result-submitted.v1', data: { caseId, unitCode, result: 'x', evidenceUrls: [] } }])
      .when(result, { ...reopened, resultRulings: 2 })
      .then([{ type: 'case.result-submitted.v1', data: { caseId, unitCode, result: 'done', evidenceUrls: ['https://files.example/1.jpg'] } }]));

  it('refuses a transfer: the unit that handled the case handles it again', () =>
    given([signed, submitted, signedAgain]).when({ type: 'RequestTransfer', reason: 'not ours' }, reopened).thenRefused('CASE.REOPENED'));

  it('keeps the whistle rule: no result while a called department has not finished', () =>
    given([signed, submitted, signedAgain]).when({ ...result, outstandingWhistleDepartments: ['QH-URBAN'] } as Cmd, reopened).thenRefused('CASE.WHISTLE_OUTSTANDING'));
});
