import { useState } from 'react';
import { CommandForm, SelectField, TextField } from '../../../lib/forms';
import { useT, useWords } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { Outcome, describeOutcome, useCommand } from '../../../lib/ui';
import { LIST_KEYS, diffOf, itemIdOf, listCommands, type ItemBody, type ListItem, type UnitRefBody } from '../api/list';
import { WORDS, type Word } from '../words';
import { ListDiff } from './ListDiff';

type ScopeKind = ItemBody['scope']['kind'];
type Level = UnitRefBody['level'];

/**
 * Proposes a change of one item (准入: it has no effect until the centre approves it): the matter
 * and scope name the item; its primary and cooperating units replace the item's, or the item is
 * removed. The diff against the list in effect shows before it is sent.
 */
export function ProposeForm({ items }: { items: readonly ListItem[] }) {
  const w = useWords(WORDS);
  const { t, lang } = useT();
  const names = useNames();
  const [categoryCode, setCategory] = useState('');
  const [kind, setKind] = useState<ScopeKind>('township');
  const [townshipCode, setTownship] = useState('');
  const [level, setLevel] = useState<Level>('county');
  const [unitCode, setUnit] = useState('');
  const [cooperating, setCooperating] = useState<string[]>([]);
  const [remove, setRemove] = useState(false);
  const [reason, setReason] = useState('');
  const scope = kind === 'township' ? { kind, townshipCode } : { kind };
  const id = itemIdOf(categoryCode, scope);
  const item: ItemBody = {
    id,
    categoryCode,
    scope,
    primary: level === 'county' ? { level, unitCode } : { level },
    cooperating: cooperating.map((c) => ({ level: 'county', unitCode: c })),
  };
  const upserts = remove ? [] : [item];
  const removals = remove ? [id] : [];
  const propose = useCommand(() => listCommands.propose({ reason, upserts, removals }), LIST_KEYS.map((k) => [...k]));
  const countyUnits = names.units.filter((u) => u.level === 'county' && u.kind !== 'centre' && u.kind !== 'supervision');
  const townships = names.units.filter((u) => u.kind === 'township');
  return (
    <CommandForm name={w('propose')} onSubmit={() => propose.mutate(undefined)}>
      <SelectField label={t('category')} value={categoryCode} onChange={(v) => setCategory(v as string)} options={[{ value: '', label: '—' }, ...names.categories.map((c) => ({ value: c.code, label: `${c.name[lang]} (${c.code})` }))]} />
      <SelectField label={w('scope')} value={kind} onChange={(v) => setKind(v as ScopeKind)} options={(['township', 'urban', 'rural', 'county'] as const).map((k) => ({ value: k, label: w(`scope.${k}`) }))} />
      {kind === 'township' && (
        <SelectField label={w('township')} value={townshipCode} onChange={(v) => setTownship(v as string)} options={[{ value: '', label: '—' }, ...townships.map((u) => ({ value: u.code, label: `${u.name[lang]} (${u.code})` }))]} />
      )}
      <label className="inline">
        <input type="checkbox" checked={remove} onChange={(e) => setRemove(e.target.checked)} /> {w('removeItem')}
      </label>
      {!remove && (
        <>
          <SelectField label={w('primaryLevel')} value={level} onChange={(v) => setLevel(v as Level)} options={(['county', 'township', 'community', 'grid'] as const).map((l) => ({ value: l, label: w(`level.${l}` as Word) }))} />
          {level === 'county' && (
            <SelectField label={w('primaryUnit')} value={unitCode} onChange={(v) => setUnit(v as string)} options={[{ value: '', label: '—' }, ...countyUnits.map((u) => ({ value: u.code, label: `${u.name[lang]} (${u.code})` }))]} />
          )}
          <SelectField label={w('cooperatingUnits')} multiple value={cooperating} onChange={(v) => setCooperating(v as string[])} options={countyUnits.map((u) => ({ value: u.code, label: `${u.name[lang]} (${u.code})` }))} />
        </>
      )}
      <TextField label={w('reason')} value={reason} onChange={setReason} />
      {categoryCode && <ListDiff label={w('preview')} lines={diffOf(items, upserts, removals)} />}
      <button type="submit">{w('proposeButton')}</button>
      <Outcome error={propose.error} success={propose.data ? `${propose.data.changeId} · ${describeOutcome(propose.data)}` : undefined} />
    </CommandForm>
  );
}
