import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { commandHeaders, correlationHeader, dispatch, intake as intakeApi, unwrap } from '../../../lib/api/client';
import { href } from '../../../lib/router';
import { CommandForm, SelectField, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { Outcome, Section, describeOutcome, useCommand } from '../../../lib/ui';
import type { CentreCase, CommandOutcome, IntakeCase } from '../api/types';

/** The centre's actions on a case (派、转、审): dispatch or re-dispatch, rulings on requests, review. */
export function CentreActions({ c, intake }: { c: CentreCase; intake?: IntakeCase }) {
  const { t } = useT();
  const key = [['case', c.caseId], ['reviews'], ['requests'], ['triage']];
  const pending = c.state.pending ?? {};
  // a ruling's form goes once the request is decided: its outcome stays here, above the forms
  const [last, setLast] = useState<{ error?: unknown; data?: unknown }>();
  const report: Report = (run) => async () => {
    try {
      const data = await run();
      setLast({ data });
      return data;
    } catch (error) {
      setLast({ error });
      throw error;
    }
  };
  return (
    <Section title={t('navCases')}>
      <Outcome error={last?.error} success={last?.data ? describeOutcome(last.data) : undefined} />
      <DispatchForm c={c} intake={intake} invalidate={key} report={report} />
      {intake && <MergeForm intake={intake} />}
      {pending.review && <ReviewForms c={c} invalidate={key} report={report} />}
      {pending.transfer && <TransferRuling c={c} invalidate={key} report={report} />}
      {pending.extension && <ExtensionRuling c={c} invalidate={key} report={report} />}
      {pending.pause && <PauseRuling c={c} invalidate={key} report={report} />}
    </Section>
  );
}

type Keys = readonly (readonly unknown[])[];
type Report = (run: () => Promise<CommandOutcome>) => () => Promise<CommandOutcome>;

/**
 * Dispatch (派) or re-dispatch: the route preview of the responsibility list in effect (the lead and
 * cooperating units it names, and why), the lead unit, and for a joint dispatch (主办/协办) the
 * co-handlers, each with its part: the list's cooperating units are offered first.
 */
function DispatchForm({ c, intake, invalidate, report }: { c: CentreCase; intake?: IntakeCase; invalidate: Keys; report: Report }) {
  const { t } = useT();
  const names = useNames();
  const categoryCode = c.state.categoryCode ?? intake?.categoryCode;
  const gridCode = intake?.location.gridCode;
  const preview = useQuery({
    queryKey: ['route', categoryCode, gridCode],
    queryFn: () => unwrap(dispatch.GET('/api/v1/responsibility-list/route', { params: { query: { categoryCode: categoryCode ?? '', ...(gridCode && { gridCode }) } } })),
    enabled: categoryCode !== undefined,
  });
  const suggested = preview.data?.cooperatingUnitCodes ?? [];
  const [unit, setUnit] = useState('');
  const [coHandlers, setCoHandlers] = useState<string[]>([]);
  const [parts, setParts] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [final, setFinal] = useState(false);
  const lead = unit || preview.data?.primaryUnitCode || '';
  const joint = coHandlers.filter((u) => u !== lead);
  const body = joint.length > 0
    ? { assignments: [{ unitCode: lead, role: 'lead' as const }, ...joint.map((u) => ({ unitCode: u, role: 'co-handler' as const, ...(parts[u] && { part: parts[u] }) }))], reason, final }
    : { primaryUnitCode: lead || undefined, reason, final };
  const run = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/dispatch', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body }))), invalidate as never);
  const options = useUnitOptions();
  const label = (code: string) => `${names.unit(code)} (${code})`;
  const toggle = (code: string, on: boolean) => setCoHandlers(on ? [...new Set([...coHandlers, code])] : coHandlers.filter((x) => x !== code));
  return (
    <CommandForm name={t('dispatch')} onSubmit={() => run.mutate(undefined)}>
      <p>
        {t('routePreview')}:{' '}
        {preview.data?.kind === 'routed' ? (
          <>
            {label(preview.data.primaryUnitCode ?? '')}
            {suggested.length > 0 && ` + ${suggested.map(label).join('、')}`}
            {preview.data.basis && <small> · {preview.data.basis.explanation}</small>}
          </>
        ) : (
          (preview.data?.reason ?? '—')
        )}
      </p>
      <SelectField label={t('dispatchTo')} value={lead} onChange={(v) => setUnit(v as string)} options={[{ value: '', label: '—' }, ...options]} />
      <fieldset>
        <legend>{t('coHandlers')}</legend>
        {suggested.map((code) => (
          <label key={code} className="inline">
            <input type="checkbox" checked={coHandlers.includes(code)} onChange={(e) => toggle(code, e.target.checked)} /> {label(code)} <small>{t('suggestedByList')}</small>
          </label>
        ))}
        <SelectField
          label={t('otherCoHandlers')}
          multiple
          value={coHandlers.filter((x) => !suggested.includes(x))}
          onChange={(v) => setCoHandlers([...coHandlers.filter((x) => suggested.includes(x)), ...(v as string[])])}
          options={options.filter((o) => !suggested.includes(o.value) && o.value !== lead)}
        />
        {joint.map((code) => (
          <TextField key={code} label={`${t('partOf')} ${names.unit(code)}`} value={parts[code] ?? ''} onChange={(v) => setParts({ ...parts, [code]: v })} />
        ))}
      </fieldset>
      <TextField label={t('reason')} value={reason} onChange={setReason} />
      <label className="inline">
        <input type="checkbox" checked={final} onChange={(e) => setFinal(e.target.checked)} /> {t('finalAssignment')}
      </label>
      <button type="submit">{joint.length > 0 ? t('jointDispatch') : t('dispatch')}</button>
    </CommandForm>
  );
}

/**
 * Merge a repeat appeal (重复诉求) into the case it repeats, or undo a merge: intake keeps the
 * record; the case merged into stays and is handled.
 */
function MergeForm({ intake }: { intake: IntakeCase }) {
  const { t } = useT();
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const keys = [['case', intake.caseId], ['cases']];
  const merge = useCommand(() => unwrap(intakeApi.POST('/api/v1/cases/{caseId}/merge', { params: { path: { caseId: intake.caseId }, header: correlationHeader() }, body: { intoCaseId: into.trim(), reason } })), keys);
  const undo = useCommand(() => unwrap(intakeApi.POST('/api/v1/cases/{caseId}/merge/undo', { params: { path: { caseId: intake.caseId }, header: correlationHeader() }, body: { reason } })), keys);
  const done = merge.data ?? undo.data;
  const outcome = <Outcome error={merge.error ?? undo.error} success={done ? `${done.caseId} → ${done.mergedInto ?? t('notMerged')}` : undefined} />;
  if (intake.mergedInto) {
    return (
      <CommandForm
        name={t('undoMerge')}
        onSubmit={() => {
          merge.reset();
          undo.mutate(undefined);
        }}
      >
        <p>
          {t('mergedInto')}: <a href={href('cases', intake.mergedInto)}>{intake.mergedInto}</a>
        </p>
        <TextField label={t('reason')} value={reason} onChange={setReason} />
        <button type="submit">{t('undoMerge')}</button>
        {outcome}
      </CommandForm>
    );
  }
  return (
    <CommandForm
      name={t('mergeRepeat')}
      onSubmit={() => {
        undo.reset();
        merge.mutate(undefined);
      }}
    >
      <TextField label={t('mergeInto')} value={into} onChange={setInto} />
      <TextField label={t('reason')} value={reason} onChange={setReason} />
      <button type="submit">{t('merge')}</button>
      {outcome}
    </CommandForm>
  );
}

/** A ruling on what waits for the centre: approve it (the form's submit), or the other way (reject, send back), with a reason. */
function Ruling({ name, other, onApprove, onOther, reason, setReason, children }: { name: string; other: string; onApprove: () => void; onOther: () => void; reason: string; setReason: (v: string) => void; children?: ReactNode }) {
  const { t } = useT();
  return (
    <CommandForm name={name} onSubmit={onApprove}>
      {children}
      <TextField label={t('reason')} value={reason} onChange={setReason} />
      <button type="submit">{t('approve')}</button>
      <button type="button" onClick={onOther}>
        {other}
      </button>
    </CommandForm>
  );
}

/** The units a case may go to (not the centre or the supervision office), as picker options. */
function useUnitOptions() {
  const { lang } = useT();
  const names = useNames();
  return names.units.filter((u) => u.kind !== 'centre' && u.kind !== 'supervision').map((u) => ({ value: u.code, label: `${u.name[lang]} (${u.code})` }));
}

function ReviewForms({ c, invalidate, report }: { c: CentreCase; invalidate: Keys; report: Report }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const approve = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/review/approve', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body: {} }))), invalidate as never);
  const sendBack = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/review/send-back', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body: { reason } }))), invalidate as never);
  return <Ruling name={t('review')} other={t('sendBack')} onApprove={() => approve.mutate(undefined)} onOther={() => sendBack.mutate(undefined)} reason={reason} setReason={setReason} />;
}

function TransferRuling({ c, invalidate, report }: { c: CentreCase; invalidate: Keys; report: Report }) {
  const { t } = useT();
  const names = useNames();
  const options = useUnitOptions();
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const approve = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/transfer/approve', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body: { toUnitCode: to, reason } }))), invalidate as never);
  const reject = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/transfer/reject', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body: { reason } }))), invalidate as never);
  return (
    <Ruling name={t('transferRequests')} other={t('reject')} onApprove={() => approve.mutate(undefined)} onOther={() => reject.mutate(undefined)} reason={reason} setReason={setReason}>
      <p>
        {names.unit(c.state.pending?.transfer?.unitCode)}: {c.state.pending?.transfer?.reason}
      </p>
      <SelectField label={t('toUnit')} value={to} onChange={(v) => setTo(v as string)} options={[{ value: '', label: '—' }, ...options]} />
    </Ruling>
  );
}

function ExtensionRuling({ c, invalidate, report }: { c: CentreCase; invalidate: Keys; report: Report }) {
  const { t } = useT();
  const asked = c.state.pending?.extension;
  const [days, setDays] = useState(String(asked?.extraWorkingDays ?? 1));
  const [reason, setReason] = useState('');
  const approve = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/extension/approve', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body: { extraWorkingDays: Number(days), reason } }))), invalidate as never);
  const reject = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/extension/reject', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body: { reason } }))), invalidate as never);
  return (
    <Ruling name={t('extensionRequests')} other={t('reject')} onApprove={() => approve.mutate(undefined)} onOther={() => reject.mutate(undefined)} reason={reason} setReason={setReason}>
      <p>{asked?.reason}</p>
      <TextField label={t('extraWorkingDays')} type="number" value={days} onChange={setDays} />
    </Ruling>
  );
}

function PauseRuling({ c, invalidate, report }: { c: CentreCase; invalidate: Keys; report: Report }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const approve = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/pause/approve', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body: {} }))), invalidate as never);
  const reject = useCommand(report(() => unwrap(dispatch.POST('/api/v1/cases/{caseId}/pause/reject', { params: { path: { caseId: c.caseId }, header: commandHeaders(c.version) }, body: { reason } }))), invalidate as never);
  return (
    <Ruling name={t('pauseRequests')} other={t('reject')} onApprove={() => approve.mutate(undefined)} onOther={() => reject.mutate(undefined)} reason={reason} setReason={setReason}>
      <p>{c.state.pending?.pause?.reason}</p>
    </Ruling>
  );
}
