import { useState } from 'react';
import { CommandForm, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { Outcome, Section, useCommand } from '../../../lib/ui';
import { currentMonth } from '../../leaders/api/reports';
import { taskCommands, type WhatIfReport, type WhatIfRequest } from '../api/governance';
import { useWords } from '../words';

/**
 * What-if replay: a month replayed through a proposed deadline policy, list items and ranking
 * settings, without touching live state; the cases that would move, the deadlines that would
 * move, and the units that would change list.
 */
export function WhatIf() {
  const { t } = useT();
  const w = useWords();
  const [month, setMonth] = useState(currentMonth());
  const [categoryCode, setCategoryCode] = useState('');
  const [signForHours, setSignForHours] = useState('');
  const [handlingDays, setHandlingDays] = useState('');
  const [weights, setWeights] = useState('');
  const [listSize, setListSize] = useState('');
  const [upserts, setUpserts] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const replay = useCommand((body: WhatIfRequest) => taskCommands.whatIf(body));

  const submit = () => {
    setParseError(null);
    const override = {
      ...(categoryCode && { categoryCode }),
      ...(signForHours && { signFor: { value: Number(signForHours), unit: 'working-hours' as const } }),
      ...(handlingDays && { handling: { value: Number(handlingDays), unit: 'working-days' as const } }),
    };
    const [response, resolution, satisfaction] = weights.split(/[\s,/]+/).filter(Boolean).map(Number);
    let items: Record<string, unknown>[] | undefined;
    if (upserts.trim()) {
      try {
        items = JSON.parse(upserts) as Record<string, unknown>[];
      } catch (e) {
        setParseError(String((e as Error).message));
        return;
      }
    }
    replay.mutate({
      month,
      ...((override.signFor || override.handling) && { deadlinePolicy: { limits: [override] } }),
      ...((weights || listSize) && { ranking: { ...(weights && { weights: { response, resolution, satisfaction } }), ...(listSize && { listSize: Number(listSize) }) } }),
      ...(items && { list: { upserts: items } }),
    } as WhatIfRequest);
  };

  return (
    <>
      <Section title={w('whatIf')}>
        <CommandForm name={w('whatIf')} onSubmit={submit}>
          <TextField label={t('month')} value={month} onChange={setMonth} required />
          <TextField label={t('category')} value={categoryCode} onChange={setCategoryCode} />
          <TextField label={w('signForLimitHours')} value={signForHours} onChange={setSignForHours} type="number" />
          <TextField label={w('handlingLimitDays')} value={handlingDays} onChange={setHandlingDays} type="number" />
          <TextField label={w('weights')} value={weights} onChange={setWeights} />
          <TextField label={w('listSize')} value={listSize} onChange={setListSize} type="number" />
          <TextField label={w('moveTo')} value={upserts} onChange={setUpserts} multiline />
          <button type="submit">{w('runWhatIf')}</button>
        </CommandForm>
        {parseError && (
          <div role="alert" className="outcome error">
            {w('moveTo')}: {parseError}
          </div>
        )}
        <Outcome error={replay.error} />
      </Section>
      {replay.data && <Report report={replay.data} />}
    </>
  );
}

function Report({ report }: { report: WhatIfReport }) {
  const { t } = useT();
  const w = useWords();
  const names = useNames();
  const d = report.deadlines;
  return (
    <>
      <Section title={`${w('movedCases')}: ${report.routing.moved}`}>
        <p role="status">
          {w('position')} {report.position} · {report.eventsRead} / {report.casesRead}
        </p>
        <table aria-label={w('movedCases')}>
          <thead>
            <tr>
              <th>{t('caseId')}</th>
              <th>{t('category')}</th>
              <th>{w('from')}</th>
              <th>{w('to')}</th>
            </tr>
          </thead>
          <tbody>
            {report.routing.cases.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <a href={href('cases', c.caseId)}>{c.caseId}</a>
                </td>
                <td>{names.category(c.categoryCode)}</td>
                <td>{c.fromUnitCode ? names.unit(c.fromUnitCode) : '—'}</td>
                <td>{c.toUnitCode ? names.unit(c.toUnitCode) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={`${w('deadlinesMoved')}: ${d.moved} / ${d.clocksPlanned}`}>
        <p>
          {d.earlier} {w('earlier')} · {d.later} {w('later')} · {w('newlyOverdue')} {d.newlyOverdueCount} · {w('noLongerOverdue')} {d.noLongerOverdueCount}
        </p>
        <ul aria-label={w('newlyOverdue')}>
          {d.newlyOverdue.slice(0, 50).map((c) => (
            <li key={`${c.caseId}-${c.clock}`}>
              {c.caseId} · {c.clock}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={w('listChanges')}>
        <table aria-label={w('listChanges')}>
          <thead>
            <tr>
              <th>{t('unit')}</th>
              <th>{w('from')}</th>
              <th>{w('to')}</th>
            </tr>
          </thead>
          <tbody>
            {report.ranking.listChanges.map((c) => (
              <tr key={c.unitCode}>
                <td>{names.unit(c.unitCode)}</td>
                <td>{c.before ? w(c.before === 'red' ? 'redList' : 'blackList') : '—'}</td>
                <td>{c.after ? w(c.after === 'red' ? 'redList' : 'blackList') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
