import { useState } from 'react';
import { CommandForm, TextField } from '../../../lib/forms';
import { useNames } from '../../../lib/reference';
import { Outcome, describeOutcome, formatTime, useCommand } from '../../../lib/ui';
import { useT, useWords } from '../../../lib/i18n';
import { LIST_KEYS, diffOf, listCommands, useListVersion, type ListChange, type ListItem } from '../api/list';
import { WORDS } from '../words';
import { ListDiff } from './ListDiff';

/** One proposed change: who proposed it and why, its diff against the list in effect, and (for the centre) approve or reject. */
export function ChangeCard({ change, items, mayDecide }: { change: ListChange; items: readonly ListItem[]; mayDecide: boolean }) {
  const w = useWords(WORDS);
  const { lang } = useT();
  const names = useNames();
  const [reason, setReason] = useState('');
  const keys = LIST_KEYS.map((k) => [...k]);
  const approve = useCommand(() => listCommands.approve(change.changeId), keys);
  const reject = useCommand(() => listCommands.reject(change.changeId, reason), keys);
  const decided = approve.data ?? reject.data;
  // an approved change against the version it replaced; a proposed or rejected one against the list in effect
  const before = useListVersion(change.status === 'approved' && change.version !== undefined ? change.version - 1 : undefined);
  const base = change.status === 'approved' ? (before.data?.items ?? []) : items;
  const title = `${w('change')} ${change.changeId}`;
  return (
    <article aria-label={title} className="card">
      <h3>
        {title} · {w(`status.${change.status}`)}
        {change.version !== undefined && ` · ${w('version')} ${change.version}`}
      </h3>
      <p>
        {w('proposedBy')}: {names.unit(change.proposedBy)} · {formatTime(change.proposedAt, lang)} · {change.reason}
        {change.rejectionReason && ` · ${w('rejectionReason')}: ${change.rejectionReason}`}
      </p>
      {change.pushesDown.length > 0 && (
        <p>
          {w('pushesDown')}: {change.pushesDown.join(', ')}
        </p>
      )}
      <ListDiff label={`${w('preview')} ${change.changeId}`} lines={diffOf(base, change.upserts, change.removals)} />
      {mayDecide && change.status === 'proposed' && (
        <CommandForm name={`${w('approve')} ${change.changeId}`} onSubmit={() => approve.mutate(undefined)}>
          <button type="submit">{w('approve')}</button>
          <TextField label={w('rejectionReason')} value={reason} onChange={setReason} />
          <button type="button" onClick={() => reject.mutate(undefined)}>
            {w('reject')}
          </button>
        </CommandForm>
      )}
      <Outcome error={approve.error ?? reject.error} success={decided ? describeOutcome(decided) : undefined} />
    </article>
  );
}
