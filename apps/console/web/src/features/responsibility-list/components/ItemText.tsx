import { useWords } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import type { ItemBody, ListItem, UnitRefBody } from '../api/list';
import { WORDS, type Word } from '../words';

/** A unit reference of the list in words: a county unit by name, otherwise the place's own level. */
export function useRefText() {
  const w = useWords(WORDS);
  const names = useNames();
  return (ref: UnitRefBody) => (ref.level === 'county' ? names.unit(ref.unitCode) : w(`level.${ref.level}` as Word));
}

export function useScopeText() {
  const w = useWords(WORDS);
  const names = useNames();
  return (scope: ListItem['scope']) => (scope.kind === 'township' ? `${w('scope.township')}: ${names.unit(scope.townshipCode)}` : w(`scope.${scope.kind}` as Word));
}

/** The primary and cooperating units of an item, in one line. */
export function Duty({ item }: { item: ListItem | ItemBody | undefined }) {
  const ref = useRefText();
  if (!item) return <span>—</span>;
  const cooperating = item.cooperating.map(ref).join('、');
  return (
    <span>
      {ref(item.primary)}
      {cooperating && <small> + {cooperating}</small>}
    </span>
  );
}
