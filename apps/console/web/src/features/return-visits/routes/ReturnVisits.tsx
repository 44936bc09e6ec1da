import { useState } from 'react';
import { CommandForm, SelectField, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { Outcome, Section, describeOutcome, formatTime, useCommand } from '../../../lib/ui';
import { useCallbackQueue, visitCommands, type FailedAttemptBody, type QueuedCase, type VisitBody } from '../api/visits';

/** The return-visit callers' queue (回), oldest approval first: record the call, or a call that did not get through. */
export function ReturnVisits() {
  const { t } = useT();
  const queue = useCallbackQueue();
  const [last, setLast] = useState<{ caseId: string; text: string }>();
  return (
    <Section title={t('returnVisitQueue')}>
      <Outcome error={queue.error} />
      {last && <Outcome error={undefined} success={`${last.caseId}: ${last.text}`} />}
      {(queue.data?.cases ?? []).length === 0 && <p>{t('none')}</p>}
      {queue.data?.cases.map((c) => <VisitRow key={c.caseId} c={c} onDone={(text) => setLast({ caseId: c.caseId, text })} />)}
    </Section>
  );
}

function VisitRow({ c, onDone }: { c: QueuedCase; onDone: (text: string) => void }) {
  const { t, code, lang } = useT();
  const names = useNames();
  const [resolved, setResolved] = useState('yes');
  const [satisfaction, setSatisfaction] = useState<VisitBody['satisfaction']>('satisfied');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState<FailedAttemptBody['reason']>('no-answer');
  const record = useCommand(() => visitCommands.record(c.caseId, { resolved: resolved === 'yes', satisfaction, ...(comment && { comment }) }), [['return-visits'], ['case', c.caseId]]);
  const failed = useCommand(() => visitCommands.failed(c.caseId, { reason }), [['return-visits']]);
  return (
    <article aria-label={`${t('case')} ${c.caseId}`} className="visit">
      <h3>
        <a href={href('cases', c.caseId)}>{c.caseId}</a>
      </h3>
      <p>
        {names.unit(c.unitCode)} · {t('approvedAt')} {formatTime(c.approvedAt, lang)} · {t('round')} {c.round} · {t('failedAttempt')} {c.failedAttempts}
      </p>
      <CommandForm name={`${t('recordVisit')} ${c.caseId}`} onSubmit={() => record.mutate(undefined, { onSuccess: (r) => onDone(describeOutcome(r)) })}>
        <SelectField label={t('resolved')} value={resolved} onChange={(v) => setResolved(v as string)} options={[{ value: 'yes', label: t('yes') }, { value: 'no', label: t('no') }]} />
        <SelectField
          label={t('satisfaction')}
          value={satisfaction}
          onChange={(v) => setSatisfaction(v as VisitBody['satisfaction'])}
          options={(['satisfied', 'basically-satisfied', 'dissatisfied'] as const).map((s) => ({ value: s, label: code('satisfaction', s) }))}
        />
        <TextField label={t('comment')} value={comment} onChange={setComment} />
        <button type="submit">{t('recordVisit')}</button>
        <Outcome error={record.error} />
      </CommandForm>
      <CommandForm name={`${t('recordFailedAttempt')} ${c.caseId}`} onSubmit={() => failed.mutate(undefined, { onSuccess: (r) => onDone(describeOutcome(r)) })}>
        <SelectField
          label={t('failedAttempt')}
          value={reason}
          onChange={(v) => setReason(v as FailedAttemptBody['reason'])}
          options={(['no-answer', 'busy', 'wrong-number', 'other'] as const).map((s) => ({ value: s, label: code('failed', s) }))}
        />
        <button type="submit">{t('recordFailedAttempt')}</button>
        <Outcome error={failed.error} />
      </CommandForm>
    </article>
  );
}
