import { useState } from 'react';
import { CommandForm, SelectField, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import type { SessionView } from '../../../lib/session';
import { Outcome, describeOutcome, formatTime, useCommand } from '../../../lib/ui';
import { callerCommands, departmentCommands, type Whistle, type WhistleDepartment } from '../api/whistles';

/** One whistle: each called department's answer, on-site report and part; the caller rates or releases, a called department acts. */
export function WhistleCard({ whistle, session }: { whistle: Whistle; session: SessionView }) {
  const { t, code, lang } = useT();
  const names = useNames();
  const mine = whistle.departments.find((d) => d.departmentCode === session.unitCode);
  const caller = whistle.callerUnitCode === session.unitCode;
  return (
    <article aria-label={`${t('whistle')} ${whistle.reason}`} className="whistle">
      <h3>
        {t('whistle')}: {whistle.reason}
      </h3>
      <p>
        {t('caller')}: {names.unit(whistle.callerUnitCode)} · {t('needs')}: {whistle.needs} · {code('urgency', whistle.urgency)} · {formatTime(whistle.blownAt, lang)} ·{' '}
        <a href={href('cases', whistle.caseId)}>{t('case')}</a>
      </p>
      <table aria-label={t('calledDepartments')}>
        <thead>
          <tr>
            <th>{t('department')}</th>
            <th>{t('answer')}</th>
            <th>{t('reportOnSite')}</th>
            <th>{t('finishPart')}</th>
            <th>{t('rate')}</th>
          </tr>
        </thead>
        <tbody>
          {whistle.departments.map((d) => (
            <tr key={d.departmentCode}>
              <td>{names.unit(d.departmentCode)}</td>
              <td>{formatTime(d.answeredAt, lang)}</td>
              <td>{formatTime(d.reportedAt, lang)}</td>
              <td>{d.releasedAt ? `${t('release')} ${formatTime(d.releasedAt, lang)}` : formatTime(d.finishedAt, lang)}</td>
              <td>{d.rating !== null ? `${d.rating}/5 ${d.comment ?? ''}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mine && <DepartmentActions whistle={whistle} d={mine} />}
      {caller && whistle.departments.map((d) => <CallerActions key={d.departmentCode} whistle={whistle} d={d} />)}
    </article>
  );
}

function DepartmentActions({ whistle, d }: { whistle: Whistle; d: WhistleDepartment }) {
  const { t } = useT();
  const keys = [['whistle', whistle.whistleId], ['case', whistle.caseId], ['inbox']];
  const answer = useCommand(() => departmentCommands.answer(whistle.whistleId), keys);
  const report = useCommand(() => departmentCommands.reportOnSite(whistle.whistleId), keys);
  const finish = useCommand(() => departmentCommands.finishPart(whistle.whistleId), keys);
  const last = [answer, report, finish].filter((m) => m.submittedAt > 0).sort((a, b) => b.submittedAt - a.submittedAt)[0];
  if (d.releasedAt) return null;
  return (
    <div className="command">
      {!d.answeredAt && (
        <button type="button" onClick={() => answer.mutate(undefined)}>
          {t('answer')}
        </button>
      )}
      {d.answeredAt && !d.reportedAt && (
        <button type="button" onClick={() => report.mutate(undefined)}>
          {t('reportOnSite')}
        </button>
      )}
      {d.reportedAt && !d.finishedAt && (
        <button type="button" onClick={() => finish.mutate(undefined)}>
          {t('finishPart')}
        </button>
      )}
      <Outcome error={last?.error} success={last?.data && describeOutcome(last.data)} />
    </div>
  );
}

function CallerActions({ whistle, d }: { whistle: Whistle; d: WhistleDepartment }) {
  const { t } = useT();
  const names = useNames();
  const [rating, setRating] = useState('5');
  const [comment, setComment] = useState('');
  const keys = [['whistle', whistle.whistleId], ['case', whistle.caseId]];
  const rate = useCommand(() => callerCommands.rate(whistle.whistleId, d.departmentCode, Number(rating), comment), keys);
  const release = useCommand(() => callerCommands.release(whistle.whistleId, d.departmentCode), keys);
  const last = [rate, release].filter((m) => m.submittedAt > 0).sort((a, b) => b.submittedAt - a.submittedAt)[0];
  return (
    <CommandForm name={`${t('rate')} ${names.unit(d.departmentCode)}`} onSubmit={() => rate.mutate(undefined)}>
      {d.rating === null && (
        <>
          <SelectField label={t('rating')} value={rating} onChange={(v) => setRating(v as string)} options={['5', '4', '3', '2', '1'].map((v) => ({ value: v, label: v }))} />
          <TextField label={t('comment')} value={comment} onChange={setComment} />
          <button type="submit">{t('rate')}</button>
        </>
      )}
      {!d.finishedAt && !d.releasedAt && (
        <button type="button" onClick={() => release.mutate(undefined)}>
          {t('release')}
        </button>
      )}
      <Outcome error={last?.error} success={last?.data && describeOutcome(last.data)} />
    </CommandForm>
  );
}
