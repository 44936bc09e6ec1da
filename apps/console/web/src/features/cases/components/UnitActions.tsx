import { useState } from 'react';
import { correlationHeader, handling, unwrap } from '../../../lib/api/client';
import { CommandForm, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import type { SessionView } from '../../../lib/session';
import { Outcome, Section, describeOutcome, useCommand } from '../../../lib/ui';
import { finished, type UnitCase } from '../api/types';

const lines = (text: string) => text.split(/\s+/).map((s) => s.trim()).filter(Boolean);

/** The unit's actions on its case (办): sign for, first contact, progress, result or part, and the requests to the centre. */
export function UnitActions({ c, session }: { c: UnitCase; session: SessionView }) {
  const { t } = useT();
  const caseId = c.caseId;
  const invalidate = [['case', caseId], ['inbox']];
  const params = () => ({ path: { caseId }, header: correlationHeader() });
  const [note, setNote] = useState('');
  const [result, setResult] = useState('');
  const [evidence, setEvidence] = useState('');
  const [part, setPart] = useState('');
  const [transferReason, setTransferReason] = useState('');
  const [extensionDays, setExtensionDays] = useState('3');
  const [extensionReason, setExtensionReason] = useState('');
  const [pauseReason, setPauseReason] = useState('');

  const signFor = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/sign-for', { params: params() })), invalidate);
  const firstContact = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/first-contact', { params: params(), body: {} })), invalidate);
  const progress = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/progress-notes', { params: params(), body: { note } })), invalidate);
  const submit = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/result', { params: params(), body: { result, evidenceUrls: lines(evidence) } })), invalidate);
  const submitPart = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/part', { params: params(), body: { part, evidenceUrls: lines(evidence) } })), invalidate);
  const transfer = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/transfer-request', { params: params(), body: { reason: transferReason } })), invalidate);
  const extension = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/extension-request', { params: params(), body: { extraWorkingDays: Number(extensionDays), reason: extensionReason } })), invalidate);
  const pause = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/pause-request', { params: params(), body: { reason: pauseReason } })), invalidate);
  const resume = useCommand(() => unwrap(handling.POST('/api/v1/cases/{caseId}/resume-request', { params: params() })), invalidate);

  // statuses in the platform's one vocabulary (libs/contracts CASE_STATUSES); a result sent back is `signed-for` again
  const toSign = c.status === 'dispatched' || c.status === 'reopened';
  const working = c.status === 'signed-for';
  const leader = session.role === 'unit-leader';
  const all = [signFor, firstContact, progress, submit, submitPart, transfer, extension, pause, resume];
  const last = all.filter((m) => m.submittedAt > 0).sort((a, b) => b.submittedAt - a.submittedAt)[0];

  return (
    <Section title={t('navInbox')}>
      <Outcome error={last?.error} success={last?.data && describeOutcome(last.data)} />
      {toSign && (
        <CommandForm name={t('signFor')} onSubmit={() => signFor.mutate(undefined)}>
          <button type="submit">{t('signFor')}</button>
        </CommandForm>
      )}
      {working && !c.firstContactAt && (
        <CommandForm name={t('firstContact')} onSubmit={() => firstContact.mutate(undefined)}>
          <button type="submit">{t('firstContact')}</button>
        </CommandForm>
      )}
      {working && (
        <CommandForm name={t('progressNote')} onSubmit={() => progress.mutate(undefined)}>
          <TextField label={t('progressNote')} value={note} onChange={setNote} multiline />
          <button type="submit">{t('addProgress')}</button>
        </CommandForm>
      )}
      {working && c.role === 'lead' && (
        <CommandForm name={t('result')} onSubmit={() => submit.mutate(undefined)}>
          <TextField label={t('result')} value={result} onChange={setResult} multiline />
          <TextField label={t('evidence')} value={evidence} onChange={setEvidence} multiline />
          <button type="submit">{t('submitResult')}</button>
        </CommandForm>
      )}
      {working && c.role === 'co-handler' && (
        <CommandForm name={t('part')} onSubmit={() => submitPart.mutate(undefined)}>
          <TextField label={t('part')} value={part} onChange={setPart} multiline />
          <TextField label={t('evidence')} value={evidence} onChange={setEvidence} multiline />
          <button type="submit">{t('submitPart')}</button>
        </CommandForm>
      )}
      {leader && !finished(c.status) && c.redoCount === 0 && (
        <CommandForm name={t('askTransfer')} onSubmit={() => transfer.mutate(undefined)}>
          <TextField label={t('reason')} value={transferReason} onChange={setTransferReason} />
          <button type="submit">{t('askTransfer')}</button>
        </CommandForm>
      )}
      {leader && working && c.role === 'lead' && (
        <CommandForm name={t('askExtension')} onSubmit={() => extension.mutate(undefined)}>
          <TextField label={t('extraWorkingDays')} type="number" value={extensionDays} onChange={setExtensionDays} />
          <TextField label={t('reason')} value={extensionReason} onChange={setExtensionReason} />
          <button type="submit">{t('askExtension')}</button>
        </CommandForm>
      )}
      {working && !c.paused && (
        <CommandForm name={t('askPause')} onSubmit={() => pause.mutate(undefined)}>
          <TextField label={t('reason')} value={pauseReason} onChange={setPauseReason} />
          <button type="submit">{t('askPause')}</button>
        </CommandForm>
      )}
      {c.paused && (
        <CommandForm name={t('askResume')} onSubmit={() => resume.mutate(undefined)}>
          <button type="submit">{t('askResume')}</button>
        </CommandForm>
      )}
    </Section>
  );
}
