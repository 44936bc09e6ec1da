import { useState } from 'react';
import { CommandForm, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { isCentre, type SessionView } from '../../../lib/session';
import { Light, Outcome, Section, describeOutcome, formatTime, useCommand } from '../../../lib/ui';
import { currentMonth } from '../../leaders/api/reports';
import { hotspotIdOf, taskCommands, useCentreTasks, useHotspots, useUnitTask, useUnitTasks, type UnitTask } from '../api/governance';
import { useWords } from '../words';

const KEYS = [['governance']];

/** Proactive tasks (未诉先办): the centre opens them from hotspots and follows them; a unit works on its own like a case. */
export function ProactiveTasks({ session }: { session: SessionView }) {
  return isCentre(session) ? <CentreTasks /> : <UnitTasks />;
}

function CentreTasks() {
  const { t, lang } = useT();
  const w = useWords();
  const names = useNames();
  const [month, setMonth] = useState(currentMonth());
  const hotspots = useHotspots(month);
  const tasks = useCentreTasks();
  const open = useCommand((hotspotId: string) => taskCommands.open(hotspotId), KEYS);
  const opened = new Set((tasks.data?.tasks ?? []).map((x) => x.task.hotspotId));
  return (
    <>
      <Section title={w('openFromHotspot')}>
        <div className="filters">
          <TextField label={t('month')} value={month} onChange={setMonth} />
        </div>
        <Outcome error={hotspots.error ?? open.error} success={open.data && `${w('task')} ${open.data.task.taskId} · ${names.unit(open.data.task.unitCode)}`} />
        <table aria-label={w('openFromHotspot')}>
          <thead>
            <tr>
              <th>{t('category')}</th>
              <th>{t('place')}</th>
              <th>{t('count')}</th>
              <th>{w('task')}</th>
            </tr>
          </thead>
          <tbody>
            {(hotspots.data?.hotspots ?? []).map((h) => {
              const id = hotspotIdOf(h);
              return (
                <tr key={id}>
                  <td>{names.category(h.categoryCode)}</td>
                  <td>{names.unit(h.placeCode)}</td>
                  <td>
                    {h.count} ({h.baseline})
                  </td>
                  <td>
                    {opened.has(id) ? (
                      '✓'
                    ) : (
                      <button type="button" onClick={() => open.mutate(id)} aria-label={`${w('openTask')}: ${names.category(h.categoryCode)} · ${names.unit(h.placeCode)}`}>
                        {w('openTask')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
      <Section title={w('proactiveTasks')}>
        <Outcome error={tasks.error} />
        <table aria-label={w('proactiveTasks')}>
          <thead>
            <tr>
              <th>{w('task')}</th>
              <th>{t('responsibleUnit')}</th>
              <th>{w('taskStatus')}</th>
              <th>{t('deadline')}</th>
              <th>{t('light')}</th>
              <th>{w('progressNotes')}</th>
              <th>{w('linkedCases')}</th>
            </tr>
          </thead>
          <tbody>
            {(tasks.data?.tasks ?? []).map((x) => (
              <tr key={x.task.taskId}>
                <td>
                  {names.category(x.task.categoryCode)} · {names.unit(x.task.placeCode)}
                </td>
                <td>{names.unit(x.task.unitCode)}</td>
                <td>{w(`status.${x.status}` as 'status.open')}{x.late ? ` · ${w('late')}` : ''}</td>
                <td>{formatTime(x.task.deadline, lang)}</td>
                <td>
                  <Light level={x.warningLevel} overdue={x.overdue} />
                </td>
                <td>{x.progressNotes}</td>
                <td>
                  <CaseLinks ids={x.task.linkedCaseIds} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}

function CaseLinks({ ids }: { ids: readonly string[] }) {
  const { t } = useT();
  return (
    <ul className="inline">
      {ids.map((id) => (
        <li key={id}>
          <a href={href('cases', id)} aria-label={`${t('case')} ${id}`}>
            {id.slice(0, 8)}
          </a>
        </li>
      ))}
    </ul>
  );
}

function UnitTasks() {
  const { t, lang } = useT();
  const w = useWords();
  const names = useNames();
  const tasks = useUnitTasks();
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <>
      <Section title={w('proactiveTasks')}>
        <Outcome error={tasks.error} />
        <table aria-label={w('proactiveTasks')}>
          <thead>
            <tr>
              <th>{w('task')}</th>
              <th>{w('role')}</th>
              <th>{w('taskStatus')}</th>
              <th>{t('deadline')}</th>
              <th>{t('light')}</th>
              <th>{w('linkedCases')}</th>
            </tr>
          </thead>
          <tbody>
            {(tasks.data?.items ?? []).map((x) => (
              <tr key={x.taskId}>
                <td>
                  <button type="button" className="link" onClick={() => setSelected(x.taskId)} aria-label={`${w('task')}: ${names.category(x.categoryCode)} · ${names.unit(x.placeCode)}`}>
                    {names.category(x.categoryCode)} · {names.unit(x.placeCode)}
                  </button>
                </td>
                <td>{w(`role.${x.role}`)}</td>
                <td>{w(`status.${x.status}`)}</td>
                <td>{formatTime(x.deadline, lang)}</td>
                <td>
                  <Light level={x.warningLevel} overdue={x.overdue} />
                </td>
                <td>
                  <CaseLinks ids={x.linkedCaseIds} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {selected && <TaskCard taskId={selected} />}
    </>
  );
}

function TaskCard({ taskId }: { taskId: string }) {
  const { t, lang } = useT();
  const w = useWords();
  const names = useNames();
  const view = useUnitTask(taskId);
  const [note, setNote] = useState('');
  const [report, setReport] = useState('');
  const signFor = useCommand(() => taskCommands.signFor(taskId), KEYS);
  const noteProgress = useCommand(() => taskCommands.note(taskId, note), KEYS);
  const close = useCommand(() => taskCommands.close(taskId, report), KEYS);
  const last = [signFor, noteProgress, close].filter((m) => m.submittedAt > 0).sort((a, b) => b.submittedAt - a.submittedAt)[0];
  const task: UnitTask | undefined = view.data;
  const lead = task?.role === 'lead';
  return (
    <Section title={task ? `${w('task')}: ${names.category(task.categoryCode)} · ${names.unit(task.placeCode)}` : w('task')}>
      <Outcome error={view.error ?? last?.error} success={last?.data && describeOutcome(last.data)} />
      {task && (
        <>
          <p>
            {w('taskStatus')}: {w(`status.${task.status}`)} · {t('deadline')}: {formatTime(task.deadline, lang)} · <Light level={task.warningLevel} overdue={task.overdue} />
          </p>
          {lead && task.status === 'new' && (
            <button type="button" onClick={() => signFor.mutate(undefined)}>
              {t('signFor')}
            </button>
          )}
          {lead && task.status === 'signed' && (
            <>
              <CommandForm name={w('noteProgress')} onSubmit={() => noteProgress.mutate(undefined)}>
                <TextField label={w('noteProgress')} value={note} onChange={setNote} multiline required />
                <button type="submit">{w('noteProgress')}</button>
              </CommandForm>
              <CommandForm name={w('reportClosure')} onSubmit={() => close.mutate(undefined)}>
                <TextField label={w('closureReport')} value={report} onChange={setReport} multiline required />
                <button type="submit">{w('reportClosure')}</button>
              </CommandForm>
            </>
          )}
          <h3>{w('progressNotes')}</h3>
          <ul aria-label={w('progressNotes')}>
            {(view.data?.notes ?? []).length === 0 && <li>{t('none')}</li>}
            {view.data?.notes.map((n) => (
              <li key={n.noteId}>
                {formatTime(n.notedAt, lang)} · {n.kind === 'closure' ? w('closureReport') : w('progressNotes')}: {n.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
