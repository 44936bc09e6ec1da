import { useWords } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import type { DiffLine } from '../api/list';
import { WORDS } from '../words';
import { Duty, useScopeText } from './ItemText';

/** A change's diff against the list: each item added, replaced (before and after) or removed. */
export function ListDiff({ label, lines }: { label: string; lines: readonly DiffLine[] }) {
  const w = useWords(WORDS);
  const names = useNames();
  const scope = useScopeText();
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th>{w('change')}</th>
          <th>{w('itemId')}</th>
          <th>{w('scope')}</th>
          <th>{w('before')}</th>
          <th>{w('after')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => {
          const item = l.after ?? l.before;
          return (
            <tr key={`${l.kind}-${l.id}`} className={`diff-${l.kind}`}>
              <td>{w(`kind.${l.kind}`)}</td>
              <td>
                {l.id}
                {item && <small> {names.category(item.categoryCode)}</small>}
              </td>
              <td>{item ? scope(item.scope) : '—'}</td>
              <td>{l.before ? <del><Duty item={l.before} /></del> : '—'}</td>
              <td>{l.after ? <ins><Duty item={l.after} /></ins> : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
