import { useState } from 'react';
import { SelectField, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { formatRate, Outcome, Section, Table } from '../../../lib/ui';
import { currentMonth, useRanking, type Metric, type UnitKind } from '../api/reports';

/** The month's ranking (考核、排位公示): three rates, score, red and black lists; every figure drills down to its cases. */
export function Ranking() {
  const { t, code } = useT();
  const names = useNames();
  const [month, setMonth] = useState(currentMonth());
  const [unitKind, setUnitKind] = useState<UnitKind | ''>('');
  const ranking = useRanking(month, unitKind);
  const r = ranking.data?.ranking;
  const drill = (unitCode: string, metric: Metric, text: string) => (
    <a href={href('kpi', unitCode, metric, { period: 'month', date: month })} aria-label={`${names.unit(unitCode)} ${code('metric', metric)} ${text}`}>
      {text}
    </a>
  );
  const csv = `/svc/evaluation/api/v1/rankings?${new URLSearchParams({ month, format: 'csv', ...(unitKind && { unitKind }) }).toString()}`;
  return (
    <Section title={t('navRanking')} actions={<a href={csv} download>{t('downloadCsv')}</a>}>
      <div className="filters">
        <TextField label={t('month')} value={month} onChange={setMonth} />
        <SelectField
          label={t('unitKind')}
          value={unitKind}
          onChange={(v) => setUnitKind(v as UnitKind | '')}
          options={[{ value: '', label: '—' }, ...['department', 'township', 'community', 'grid'].map((k) => ({ value: k, label: code('kind', k) }))]}
        />
      </div>
      <Outcome error={ranking.error} />
      <p>
        {t('weights')}: {JSON.stringify(ranking.data?.weights ?? {})}
      </p>
      <div className="lists">
        <div>
          <h3>{t('redList')}</h3>
          <ul aria-label={t('redList')}>{r?.redList.map((u) => <li key={u}>{names.unit(u)}</li>)}</ul>
        </div>
        <div>
          <h3>{t('blackList')}</h3>
          <ul aria-label={t('blackList')}>{r?.blackList.map((u) => <li key={u}>{names.unit(u)}</li>)}</ul>
        </div>
      </div>
      <Table
        label={t('navRanking')}
        columns={[t('rank'), t('unit'), t('score'), t('responseRate'), t('resolutionRate'), t('satisfactionRate'), t('volume')]}
        rows={r?.units ?? []}
        row={(u) => (
          <tr key={u.unitCode}>
            <td>{u.rank ?? '—'}</td>
            <td>{names.unit(u.unitCode)}</td>
            <td>{u.score === null ? '—' : u.score.toFixed(1)}</td>
            <td>{drill(u.unitCode, 'response', formatRate(u.responseRate))}</td>
            <td>{drill(u.unitCode, 'resolution', formatRate(u.resolutionRate))}</td>
            <td>{drill(u.unitCode, 'satisfaction', formatRate(u.satisfactionRate))}</td>
            <td>{drill(u.unitCode, 'volume', String(u.volume))}</td>
          </tr>
        )}
      />
    </Section>
  );
}
