import { loadAuthSettings } from '@county/auth';

/** The services the console puts under its one origin, at /svc/<service>/... */
export const PROXIED_SERVICES = ['intake', 'dispatch', 'handling', 'evaluation', 'case-worker'] as const;
export type ProxiedService = (typeof PROXIED_SERVICES)[number];

const DEFAULT_PORTS: Record<ProxiedService, number> = { intake: 3001, dispatch: 3002, handling: 3003, evaluation: 3004, 'case-worker': 3005 };

export interface ConsoleSettings {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  /** Base URL of each service, e.g. http://127.0.0.1:3003 */
  readonly services: Readonly<Record<ProxiedService, string>>;
  /** Secret that signs the bearer tokens (shared with handling and dispatch): checks a token at sign-in and on each call. */
  readonly tokenSecret: string;
  /** The centre's intake API key, sent for centre and admin users only (the case list, merges). */
  readonly intakeCentreKey: string;
  /** evaluation's X-Callback-Token, sent for centre and admin users only (the return-visit callers are centre staff). */
  readonly callbackToken: string;
  /** Sign in as a seeded user through handling's development endpoint (never in production). */
  readonly devSignIn: boolean;
  readonly temporalUiUrl: string;
  /** Temporal's frontend, for the ops board's read-only lists of the county's clocks. */
  readonly temporal: { readonly address: string; readonly namespace: string; readonly taskQueue: string };
  /** The built single-page application (vite build output). */
  readonly webRoot: string;
}

function envName(service: ProxiedService): string {
  return `CONSOLE_${service.toUpperCase().replace('-', '_')}_URL`;
}

export function loadConsoleSettings(env: NodeJS.ProcessEnv = process.env, webRoot: string): ConsoleSettings {
  const production = env.NODE_ENV === 'production';
  const services = Object.fromEntries(
    PROXIED_SERVICES.map((s) => [s, (env[envName(s)] ?? `http://127.0.0.1:${DEFAULT_PORTS[s]}`).replace(/\/$/, '')]),
  ) as Record<ProxiedService, string>;
  const intakeCentreKey = env.CONSOLE_INTAKE_CENTRE_KEY ?? (production ? '' : 'dev-centre-key');
  const callbackToken = env.EVALUATION_CALLBACK_TOKEN ?? (production ? '' : 'local-callback-token');
  if (production && (!intakeCentreKey || !callbackToken)) {
    throw new Error('CONSOLE_INTAKE_CENTRE_KEY and EVALUATION_CALLBACK_TOKEN must be set in production');
  }
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    production,
    services,
    tokenSecret: loadAuthSettings(env).tokenSecret,
    intakeCentreKey,
    callbackToken,
    devSignIn: !production && env.CONSOLE_DEV_SIGN_IN !== 'off',
    temporalUiUrl: (env.CONSOLE_TEMPORAL_UI_URL ?? 'http://127.0.0.1:8233').replace(/\/$/, ''),
    temporal: {
      address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'case-workflows',
    },
    webRoot,
  };
}
