import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, consoleApi } from './api/client';
import { useT } from './i18n';

/** How often screens poll the services (they update within a few seconds of a change). */
export const POLL_MS = 2000;

export function formatTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });
}

export function formatRate(value: number | null | undefined): string {
  return value == null ? '—' : `${(value * 100).toFixed(1)}%`;
}

const LIGHT_COLOURS: Record<string, string> = { none: '#1b7f3b', yellow: '#8a6d00', orange: '#b34700', red: '#b00020', supervised: '#6a1b9a' };

/** A deadline's light (黄/橙/红灯, 督办) as a coloured word, so it never depends on colour alone. */
export function Light({ level, overdue }: { level: string | null | undefined; overdue?: boolean }) {
  const { code } = useT();
  const l = overdue && (!level || level === 'none' || level === 'yellow' || level === 'orange') ? 'red' : (level ?? 'none');
  return (
    <span className="light" style={{ color: LIGHT_COLOURS[l] ?? '#333', borderColor: LIGHT_COLOURS[l] ?? '#333' }}>
      ● {code('light', l)}
    </span>
  );
}

/** Working time left until a set of deadlines, from the county's working calendar (the console's server computes it). */
export function useTimeLeft(deadlines: readonly string[]) {
  const sorted = [...new Set(deadlines)].sort();
  return useQuery({
    queryKey: ['time-left', sorted],
    queryFn: () => consoleApi<{ minutes: Record<string, number> }>('time-left', { method: 'POST', body: { deadlines: sorted } }),
    enabled: sorted.length > 0,
    refetchInterval: 30_000,
  });
}

export function TimeLeft({ minutes }: { minutes: number | undefined }) {
  const { lang } = useT();
  if (minutes === undefined) return <span>—</span>;
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const text = lang === 'zh' ? `${h} 小时 ${m} 分` : `${h} h ${m} min`;
  return <span>{minutes < 0 ? (lang === 'zh' ? `已超 ${text}` : `${text} over`) : text}</span>;
}

/** What the last action did: its outcome (the resulting state and version), or the service's code, message and fields. */
export function Outcome({ error, success }: { error: unknown; success?: ReactNode }) {
  const { t } = useT();
  if (error) {
    const e = error instanceof ApiError ? error : new ApiError(0, 'CONSOLE.NETWORK', String((error as Error)?.message ?? error), []);
    return (
      <div role="alert" className="outcome error">
        <strong>{t('refused')}</strong> <code>{e.code}</code> {e.message}
        {e.fields.length > 0 && (
          <span>
            {' '}
            (<span>{e.fields.join(', ')}</span>)
          </span>
        )}
      </div>
    );
  }
  if (success) {
    return (
      <div role="status" className="outcome ok">
        <strong>{t('done')}</strong> {success}
      </div>
    );
  }
  return null;
}

/** A command: runs it, shows its outcome, and refreshes the screens' queries at once. */
export function useCommand<TVars, TResult>(run: (vars: TVars) => Promise<TResult>, invalidate: QueryKey[] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await Promise.all(invalidate.map((k) => client.invalidateQueries({ queryKey: k })));
    },
  });
}

/** Events and versions a command's answer carries, as one line. */
export function describeOutcome(result: unknown): string {
  if (!result || typeof result !== 'object') return '';
  const r = result as { version?: number; status?: string; events?: readonly (string | { type: string })[] };
  const events = (r.events ?? []).map((e) => (typeof e === 'string' ? e : e.type)).join(', ');
  return [r.status, events, r.version !== undefined ? `v${r.version}` : ''].filter(Boolean).join(' · ');
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-label={title} className="card">
      <div className="card-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A table with one header row, its rows, and a row saying there are none when there are none. */
export function Table<R>({ label, caption, columns, rows, row }: { label: string; caption?: boolean; columns: readonly ReactNode[]; rows: readonly R[]; row: (r: R) => ReactNode }) {
  const { t } = useT();
  return (
    <table aria-label={label}>
      {caption && <caption>{label}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length}>{t('none')}</td>
          </tr>
        )}
        {rows.map(row)}
      </tbody>
    </table>
  );
}
