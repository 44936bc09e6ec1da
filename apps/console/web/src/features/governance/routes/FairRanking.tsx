import { useState } from 'react';
import { TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { Outcome, Section, formatRate } from '../../../lib/ui';
import { currentMonth } from '../../leaders/api/reports';
import { useFairRanking } from '../api/governance';
import { useWords } from '../words';

const score = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(1));
const range = (i: { low: number; high: number } | null | undefined) => (i ? `${i.low.toFixed(1)}–${i.high.toFixed(1)}` : '—');

/** The month's ranking adjusted for each unit's case mix, beside the raw one (scores with their 95 % intervals, each rate raw → adjusted); why each unit is (or is not) on a list. */
export function FairRanking() {
  const { t, code } = useT();
  const w = useWords();
  const names = useNames();
  const [month, setMonth] = useState(currentMonth());
  const ranking = useFairRanking(month);
  const r = ranking.data?.ranking;
  const csv = `/svc/evaluation/api/v1/rankings?${new URLSearchParams({ month, format: 'csv' }).toString()}`;
  return (
    <>
      <Section title={w('fairRanking')} actions={<a href={csv} download>{t('downloadCsv')}</a>}>
        <div className="filters">
          <TextField label={t('month')} value={month} onChange={setMonth} />
        </div>
        <Outcome error={ranking.error} />
        {ranking.data && (
          <p>
            {w('method')}: {ranking.data.method.adjustment}; {ranking.data.method.interval}. {w('countyMedian')}: {score(r?.countyMedianScore)}
          </p>
        )}
        <table aria-label={w('fairRanking')}>
          <thead>
            <tr>
              <th>{t('unit')}</th>
              <th>{w('rawRank')}</th>
              <th>{w('rawScore')}</th>
              <th>{w('interval')}</th>
              <th>{w('adjustedRank')}</th>
              <th>{w('adjustedScore')}</th>
              <th>{w('interval')}</th>
              <th>{code('metric', 'response')}</th>
              <th>{code('metric', 'resolution')}</th>
              <th>{code('metric', 'satisfaction')}</th>
              <th>{t('count')}</th>
            </tr>
          </thead>
          <tbody>
            {(r?.units ?? []).map((u) => (
              <tr key={u.unitCode}>
                <td>{names.unit(u.unitCode)}</td>
                <td>{u.rank ?? '—'}</td>
                <td>{score(u.score)}</td>
                <td>{range(u.fair.scoreInterval)}</td>
                <td>{u.fair.adjustedRank ?? '—'}</td>
                <td>{score(u.fair.adjustedScore)}</td>
                <td>{range(u.fair.adjustedScoreInterval)}</td>
                {(['response', 'resolution', 'satisfaction'] as const).map((m) => (
                  <td key={m} title={`${w('rawScore')} → ${w('adjustedScore')}`}>
                    {formatRate(u.fair.rates[m].raw)} → {formatRate(u.fair.rates[m].adjusted)}
                  </td>
                ))}
                <td>{u.volume}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={w('whyListed')}>
        <ul aria-label={w('whyListed')}>
          {(r?.listed ?? []).length === 0 && <li>{t('none')}</li>}
          {r?.listed.map((e) => (
            <li key={e.unitCode}>
              {e.list === 'red' ? w('redList') : w('blackList')} · {names.unit(e.unitCode)}: {e.reason}
            </li>
          ))}
        </ul>
        <h3>{w('whyNotListed')}</h3>
        <ul aria-label={w('whyNotListed')}>
          {(r?.notListed ?? []).length === 0 && <li>{t('none')}</li>}
          {r?.notListed.map((e) => (
            <li key={e.unitCode}>
              {names.unit(e.unitCode)}: {e.reason}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
