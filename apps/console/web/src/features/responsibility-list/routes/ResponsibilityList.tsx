import { useState } from 'react';
import { TextField } from '../../../lib/forms';
import { useT, useWords } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { isCentre, type SessionView } from '../../../lib/session';
import { Outcome, Section, formatTime } from '../../../lib/ui';
import { useChanges, useCurrentList } from '../api/list';
import { ChangeCard } from '../components/ChangeCard';
import { Duty, useScopeText } from '../components/ItemText';
import { ProposeForm } from '../components/ProposeForm';
import { WORDS } from '../words';

/**
 * The responsibility list (属地管理事项清单) and its changes: the version in effect with its items,
 * a change proposed with its diff, and the proposed changes that the centre approves (准入) or
 * rejects. dispatch decides who may do what (a county unit's leader or the centre proposes; only
 * the centre, never for its own change, decides).
 */
export function ResponsibilityList({ session }: { session: SessionView }) {
  const w = useWords(WORDS);
  const { t, lang } = useT();
  const names = useNames();
  const scope = useScopeText();
  const list = useCurrentList();
  const changes = useChanges();
  const [filter, setFilter] = useState('');
  const items = list.data?.items ?? [];
  const shown = items.filter((i) => !filter || i.categoryCode.includes(filter.toUpperCase()) || names.category(i.categoryCode).includes(filter)).slice(0, 50);
  const newestFirst = [...(changes.data ?? [])].sort((a, b) => (a.status === 'proposed' ? 0 : 1) - (b.status === 'proposed' ? 0 : 1) || b.proposedAt.localeCompare(a.proposedAt));
  return (
    <>
      <Section title={w('changes')}>
        <Outcome error={changes.error} />
        {newestFirst.length === 0 && <p>{t('none')}</p>}
        {newestFirst.map((c) => (
          <ChangeCard key={c.changeId} change={c} items={items} mayDecide={isCentre(session)} />
        ))}
      </Section>
      <Section title={w('propose')}>
        <ProposeForm items={items} />
      </Section>
      <Section title={w('title')}>
        <Outcome error={list.error} />
        {list.data && (
          <p>
            {w('version')} {list.data.version} · {w('effectiveFrom')} {formatTime(list.data.effectiveFrom, lang)} · {list.data.itemCount} {w('items')}
          </p>
        )}
        <TextField label={w('filter')} value={filter} onChange={setFilter} />
        <table aria-label={w('title')}>
          <thead>
            <tr>
              <th>{w('itemId')}</th>
              <th>{t('category')}</th>
              <th>{w('scope')}</th>
              <th>{w('primary')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.id}>
                <td>{i.id}</td>
                <td>{names.category(i.categoryCode)}</td>
                <td>{scope(i.scope)}</td>
                <td>
                  <Duty item={i} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
