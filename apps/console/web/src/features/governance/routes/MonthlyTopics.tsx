import { useMemo, useState } from 'react';
import { CommandForm, SelectField, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { isCentre, type SessionView } from '../../../lib/session';
import { Outcome, Section, formatRate, useCommand } from '../../../lib/ui';
import { currentMonth } from '../../leaders/api/reports';
import { TrendChart } from '../components/TrendChart';
import { taskCommands, useTopics, useTrend } from '../api/governance';
import { useWords } from '../words';

const mean = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(1));
const pct = (v: number | null | undefined) => (v == null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);

/** One topic a month (每月一题): the centre picks the month's recurring problems; each one's trend against the months before. */
export function MonthlyTopics({ session }: { session: SessionView }) {
  const { t, code } = useT();
  const w = useWords();
  const names = useNames();
  const topics = useTopics();
  const [selected, setSelected] = useState<string | undefined>();
  const [month, setMonth] = useState(currentMonth());
  const [categoryCode, setCategoryCode] = useState('');
  const [placeKind, setPlaceKind] = useState<'county' | 'township' | 'community' | 'grid'>('county');
  const [placeCode, setPlaceCode] = useState('');
  const [title, setTitle] = useState('');
  const choose = useCommand(() => taskCommands.chooseTopic({ month, categoryCode, placeKind, ...(placeKind !== 'county' && { placeCode }), title }), [['governance']]);
  const current = selected ?? topics.data?.topics[0]?.topic.topicId;
  return (
    <>
      {isCentre(session) && (
        <Section title={w('chooseTopic')}>
          <CommandForm name={w('chooseTopic')} onSubmit={() => choose.mutate(undefined)}>
            <TextField label={t('month')} value={month} onChange={setMonth} required />
            <TextField label={t('category')} value={categoryCode} onChange={setCategoryCode} required />
            <SelectField
              label={t('placeKind')}
              value={placeKind}
              onChange={(v) => setPlaceKind(v as typeof placeKind)}
              options={(['county', 'township', 'community', 'grid'] as const).map((k) => ({ value: k, label: k === 'county' ? '—' : code('kind', k) }))}
            />
            {placeKind !== 'county' && <TextField label={t('place')} value={placeCode} onChange={setPlaceCode} required />}
            <TextField label={w('title')} value={title} onChange={setTitle} required />
            <button type="submit">{w('chooseTopic')}</button>
          </CommandForm>
          <Outcome error={choose.error} success={choose.data && choose.data.topic.topicId} />
        </Section>
      )}
      <Section title={w('monthlyTopics')}>
        <Outcome error={topics.error} />
        <ul aria-label={w('monthlyTopics')}>
          {(topics.data?.topics ?? []).length === 0 && <li>{t('none')}</li>}
          {topics.data?.topics.map((x) => (
            <li key={x.topic.topicId}>
              <button type="button" className="link" aria-pressed={x.topic.topicId === current} onClick={() => setSelected(x.topic.topicId)}>
                {x.topic.month} · {x.title} · {names.category(x.topic.categoryCode)} · {x.topic.placeCode ? names.unit(x.topic.placeCode) : '—'}
              </button>
            </li>
          ))}
        </ul>
      </Section>
      {current && <TopicTrend topicId={current} />}
    </>
  );
}

function TopicTrend({ topicId }: { topicId: string }) {
  const { t } = useT();
  const w = useWords();
  const trend = useTrend(topicId);
  const months = useMemo(() => (trend.data?.months ?? []).map((m) => m.month), [trend.data]);
  const series = useMemo(
    () => ({
      volume: w('volume'),
      repeats: w('repeatAppeals'),
      satisfaction: w('satisfaction'),
      values: {
        volume: (trend.data?.months ?? []).map((m) => m.volume),
        repeats: (trend.data?.months ?? []).map((m) => m.repeatAppeals),
        satisfaction: (trend.data?.months ?? []).map((m) => m.satisfactionRate),
      },
    }),
    [trend.data, w],
  );
  const csv = `/svc/evaluation/api/v1/monthly-topics/${encodeURIComponent(topicId)}/trend?format=csv`;
  const d = trend.data;
  return (
    <Section title={`${w('trend')}: ${d?.title ?? topicId}`} actions={<a href={csv} download>{t('downloadCsv')}</a>}>
      <Outcome error={trend.error} />
      <TrendChart label={`${w('trend')}: ${d?.title ?? topicId}`} months={months} series={series} />
      <table aria-label={w('trend')}>
        <thead>
          <tr>
            <th>{t('month')}</th>
            <th>{w('offset')}</th>
            <th>{w('volume')}</th>
            <th>{w('repeatAppeals')}</th>
            <th>{w('satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {(d?.months ?? []).map((m) => (
            <tr key={m.month}>
              <td>{m.month}</td>
              <td>{m.offset}</td>
              <td>{m.volume}</td>
              <td>{m.repeatAppeals}</td>
              <td>{formatRate(m.satisfactionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d && (
        <table aria-label={w('change')}>
          <thead>
            <tr>
              <th />
              <th>{w('volume')}</th>
              <th>{w('repeatAppeals')}</th>
              <th>{w('satisfaction')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{w('before')}</th>
              <td>{mean(d.before.volume)}</td>
              <td>{mean(d.before.repeatAppeals)}</td>
              <td>{formatRate(d.before.satisfactionRate)}</td>
            </tr>
            <tr>
              <th scope="row">{w('after')}</th>
              <td>{mean(d.after.volume)}</td>
              <td>{mean(d.after.repeatAppeals)}</td>
              <td>{formatRate(d.after.satisfactionRate)}</td>
            </tr>
            <tr>
              <th scope="row">{w('change')}</th>
              <td>{pct(d.change.volume)}</td>
              <td>{pct(d.change.repeatAppeals)}</td>
              <td>{pct(d.change.satisfactionRate)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </Section>
  );
}
