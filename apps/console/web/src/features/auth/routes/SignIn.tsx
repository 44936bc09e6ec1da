import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { consoleApi } from '../../../lib/api/client';
import type { components } from '../../../lib/api/generated/handling';
import { useT } from '../../../lib/i18n';
import { Outcome, useCommand } from '../../../lib/ui';
import type { SessionView } from '../../../lib/session';

/** A seeded user, as handling's development endpoint (GET /api/v1/dev/users) names it. */
type SeedUser = components['schemas']['SeedUser'];

/** Development: pick a seeded user (handling's dev token endpoint, through the console's server). Production: paste a token. */
export function SignIn() {
  const { t } = useT();
  const client = useQueryClient();
  const config = useQuery({ queryKey: ['config'], queryFn: () => consoleApi<{ devSignIn: boolean }>('config') });
  const [filter, setFilter] = useState('');
  const [userId, setUserId] = useState('qh-centre.dispatcher-1');
  const [token, setToken] = useState('');
  const users = useQuery({
    queryKey: ['dev-users'],
    queryFn: () => consoleApi<SeedUser[]>('dev-users'),
    enabled: config.data?.devSignIn === true,
    staleTime: Infinity,
  });
  const done = () => client.invalidateQueries({ queryKey: ['session'] });
  const dev = useCommand((id: string) => consoleApi<SessionView>('session/dev', { method: 'POST', body: { userId: id } }));
  const withToken = useCommand((tk: string) => consoleApi<SessionView>('session/token', { method: 'POST', body: { token: tk } }));
  const shown = (users.data ?? []).filter((u) => !filter || u.unitCode.toLowerCase().includes(filter.toLowerCase()) || u.userId.includes(filter.toLowerCase()));

  return (
    <main className="sign-in">
      <h1>{t('appName')}</h1>
      {config.data?.devSignIn && (
        <form
          aria-label={t('devSignIn')}
          onSubmit={(e) => {
            e.preventDefault();
            dev.mutate(userId, { onSuccess: done });
          }}
        >
          <label>
            {t('unitFilter')}
            <input value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          <label>
            {t('devUser')}
            <select value={userId} onChange={(e) => setUserId(e.target.value)}>
              {shown.map((u) => (
                <option key={u.userId} value={u.userId}>
                  {u.displayName} ({u.userId})
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('signIn')}</button>
          <Outcome error={dev.error} />
        </form>
      )}
      <form
        aria-label={t('signInWithToken')}
        onSubmit={(e) => {
          e.preventDefault();
          withToken.mutate(token.trim(), { onSuccess: done });
        }}
      >
        <label>
          {t('token')}
          <textarea value={token} onChange={(e) => setToken(e.target.value)} rows={2} />
        </label>
        <button type="submit">{t('signInWithToken')}</button>
        <Outcome error={withToken.error} />
      </form>
    </main>
  );
}
