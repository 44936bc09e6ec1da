import { useState } from 'react';
import { CommandForm, SelectField, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { Outcome, describeOutcome, useCommand } from '../../../lib/ui';
import { callerCommands } from '../api/whistles';

/** A township or community calls county departments on its case (吹哨): reason, what is needed, urgency. */
export function BlowWhistle({ caseId }: { caseId: string }) {
  const { t, code, lang } = useT();
  const names = useNames();
  const [departments, setDepartments] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [needs, setNeeds] = useState('');
  const [urgency, setUrgency] = useState<'normal' | 'urgent' | 'emergency'>('normal');
  const blow = useCommand(() => callerCommands.blow(caseId, { calledDepartmentCodes: departments, reason, needs, urgency }), [['case', caseId]]);
  return (
    <CommandForm name={t('blowWhistle')} onSubmit={() => blow.mutate(undefined)}>
      <SelectField
        label={t('calledDepartments')}
        multiple
        value={departments}
        onChange={(v) => setDepartments(v as string[])}
        options={names.departments.map((d) => ({ value: d.code, label: `${d.name[lang]} (${d.code})` }))}
      />
      <TextField label={t('reason')} value={reason} onChange={setReason} />
      <TextField label={t('needs')} value={needs} onChange={setNeeds} />
      <SelectField
        label={t('urgency')}
        value={urgency}
        onChange={(v) => setUrgency(v as typeof urgency)}
        options={(['normal', 'urgent', 'emergency'] as const).map((u) => ({ value: u, label: code('urgency', u) }))}
      />
      <button type="submit">{t('blowWhistle')}</button>
      <Outcome error={blow.error} success={blow.data && describeOutcome(blow.data)} />
    </CommandForm>
  );
}
