import { Body, Controller, Delete, Get, HttpCode, HttpException, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { verifyToken, type Principal } from '@county/auth';
import { county, defaultCalendar, grids, leafCategories, townships, unitByCode, units, workingTimeBetween } from '@county/reference';
import { CONSOLE_SETTINGS } from './tokens';
import { PROXIED_SERVICES, type ConsoleSettings } from './settings';
import { clearedSessionCookie, sessionCookie, sessionOf } from './session';
import { OpsBoard } from './ops-board';

function refuse(status: number, code: string, message: string, field?: string): never {
  throw new HttpException({ statusCode: status, code, message, ...(field && { field }) }, status);
}

/** Who the signed-in user is, in the words the screens use: the unit's kind decides which desks it sees. */
export interface SessionView {
  readonly userId: string;
  readonly unitCode: string;
  readonly unitName: { readonly zh: string; readonly en: string };
  readonly unitKind: string;
  readonly role: Principal['role'];
  readonly expiresAt: string;
}

function viewOf(principal: Principal, expiresAt: Date): SessionView {
  const unit = unitByCode(principal.unitCode);
  return {
    userId: principal.userId,
    unitCode: principal.unitCode,
    unitName: unit ? { zh: unit.name.zh, en: unit.name.en } : { zh: principal.unitCode, en: principal.unitCode },
    unitKind: unit?.kind ?? 'unknown',
    role: principal.role,
    expiresAt: expiresAt.toISOString(),
  };
}

/** Totals of the counters the ops board shows, from a Prometheus text exposition. */
export function countersOf(text: string): Record<string, number> {
  const totals: Record<string, number> = { events_appended_total: 0, events_consumed_total: 0 };
  for (const line of text.split('\n')) {
    const m = /^(events_appended_total|events_consumed_total)(\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line);
    const [, name = '', , value = '0'] = m ?? [];
    if (m) totals[name] = (totals[name] ?? 0) + Number(value);
  }
  return totals;
}

function expiryOf(token: string): Date {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number };
  return new Date(payload.exp * 1000);
}

/** How long the ops board waits for a service's /health and /metrics. */
const HEALTH_TIMEOUT_MS = 8000;

@Controller('console/api')
export class ConsoleController {
  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    private readonly opsBoard: OpsBoard,
  ) {}

  @Get('session')
  session(@Req() req: Request): SessionView {
    const s = sessionOf(req.headers.cookie, this.settings.tokenSecret);
    if (!s) refuse(401, 'AUTH.TOKEN_MISSING', 'not signed in');
    return viewOf(s.principal, expiryOf(s.token));
  }

  @Get('config')
  config() {
    return { devSignIn: this.settings.devSignIn, temporalUiUrl: this.settings.temporalUiUrl };
  }

  /** Development: sign in as one of the demo county's seeded users (handling's development token endpoint). */
  @Post('session/dev')
  @HttpCode(200)
  async devSignIn(@Body() body: { userId?: unknown }, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    if (!this.settings.devSignIn) refuse(404, 'DEV.DISABLED', 'development sign-in is switched off here');
    if (typeof body?.userId !== 'string' || body.userId === '') refuse(400, 'VALIDATION_FAILED', 'choose a user', 'userId');
    const answer = await fetch(`${this.settings.services.handling}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: body.userId }),
    }).catch(() => refuse(502, 'CONSOLE.SERVICE_UNAVAILABLE', 'handling did not answer'));
    const issued = (await answer.json()) as { token?: string; code?: string; message?: string };
    if (!answer.ok || !issued.token) refuse(answer.status, issued.code ?? 'AUTH.SIGN_IN_FAILED', issued.message ?? 'sign-in failed', 'userId');
    return this.start(issued.token, res);
  }

  /** Production: a token from the platform's issuer, signed with AUTH_TOKEN_SECRET. */
  @Post('session/token')
  @HttpCode(200)
  tokenSignIn(@Body() body: { token?: unknown }, @Res({ passthrough: true }) res: Response): SessionView {
    if (typeof body?.token !== 'string' || body.token === '') refuse(400, 'VALIDATION_FAILED', 'paste a token', 'token');
    return this.start(body.token, res);
  }

  @Delete('session')
  @HttpCode(204)
  signOut(@Res({ passthrough: true }) res: Response): void {
    res.setHeader('Set-Cookie', clearedSessionCookie());
  }

  /** The seeded users, for the development sign-in's picker. */
  @Get('dev-users')
  async devUsers(@Query('unitCode') unitCode?: string) {
    if (!this.settings.devSignIn) refuse(404, 'DEV.DISABLED', 'development sign-in is switched off here');
    const q = unitCode ? `?unitCode=${encodeURIComponent(unitCode)}` : '';
    const answer = await fetch(`${this.settings.services.handling}/api/v1/dev/users${q}`).catch(() => refuse(502, 'CONSOLE.SERVICE_UNAVAILABLE', 'handling did not answer'));
    return answer.json();
  }

  /** The demo county's units and leaf categories (names in Chinese and English), for pickers and labels. */
  @Get('reference')
  reference() {
    return {
      units: units().map((u) => ({ code: u.code, kind: u.kind, level: u.level, parentCode: u.parentCode, name: u.name })),
      categories: leafCategories().map((c) => ({ code: c.code, name: c.name, ownerDepartmentCode: c.ownerDepartmentCode ?? null })),
    };
  }

  /**
   * The county's grids as a GeoJSON FeatureCollection (their polygons from libs/reference), for the
   * leaders' county map: drawn in the browser, no tile server.
   */
  @Get('territory')
  territory() {
    const townshipNames = new Map(townships().map((t) => [t.code, t.name]));
    return {
      type: 'FeatureCollection',
      county: { code: county().code, name: county().name },
      features: grids().map((g) => ({
        type: 'Feature',
        id: g.code,
        geometry: g.boundary,
        properties: { code: g.code, kind: g.kind, communityCode: g.communityCode, townshipCode: g.townshipCode, name: g.name, townshipName: townshipNames.get(g.townshipCode) ?? null },
      })),
    };
  }

  /** Every service's /health, for the ops board. */
  @Get('health')
  async health() {
    // longer than a service's own checks (3 s each), so the board shows the service's answer, not its own time-out
    const checks = await Promise.all(
      PROXIED_SERVICES.map(async (service) => {
        const started = Date.now();
        try {
          const r = await fetch(`${this.settings.services[service]}/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
          const details: unknown = await r.json().catch(() => null);
          const metrics = await fetch(`${this.settings.services[service]}/metrics`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) })
            .then((m) => m.text())
            .catch(() => '');
          return { service, status: r.status === 200 ? 'up' : 'down', httpStatus: r.status, ms: Date.now() - started, details, counters: countersOf(metrics) };
        } catch (err) {
          return { service, status: 'down', httpStatus: null, ms: Date.now() - started, details: { error: (err as Error).message } };
        }
      }),
    );
    return { checkedAt: new Date().toISOString(), services: checks };
  }

  /** Working time left until each deadline (negative once it has passed), by the county's working calendar. */
  @Post('time-left')
  @HttpCode(200)
  timeLeft(@Body() body: { deadlines?: unknown }): { now: string; minutes: Record<string, number> } {
    const deadlines = Array.isArray(body?.deadlines) ? body.deadlines.filter((d): d is string => typeof d === 'string' && !Number.isNaN(Date.parse(d))).slice(0, 200) : undefined;
    if (!deadlines) refuse(400, 'VALIDATION_FAILED', 'deadlines: a list of instants', 'deadlines');
    const now = new Date();
    const minutes: Record<string, number> = {};
    for (const d of deadlines) {
      const at = new Date(d);
      minutes[d] = Math.round(at >= now ? workingTimeBetween(now, at, defaultCalendar, 'working-minutes') : -workingTimeBetween(at, now, defaultCalendar, 'working-minutes'));
    }
    return { now: now.toISOString(), minutes };
  }

  /** The county's clocks, for the ops staff on call (centre and admin users). */
  @Get('ops/clocks')
  async clocks(@Req() req: Request) {
    const s = sessionOf(req.headers.cookie, this.settings.tokenSecret);
    if (!s) refuse(401, 'AUTH.TOKEN_MISSING', 'not signed in');
    if (s.principal.role !== 'centre' && s.principal.role !== 'admin') refuse(403, 'AUTH.ROLE_NOT_ALLOWED', 'the ops board is for the centre and admins');
    try {
      return await this.opsBoard.board();
    } catch (err) {
      refuse(502, 'CONSOLE.TEMPORAL_UNAVAILABLE', `Temporal did not answer: ${(err as Error).message}`);
    }
  }

  private start(token: string, res: Response): SessionView {
    let principal: Principal;
    try {
      principal = verifyToken(this.settings.tokenSecret, token, new Date());
    } catch (err) {
      const e = err as { code?: string; message: string };
      refuse(401, e.code ?? 'AUTH.TOKEN_INVALID', e.message, 'token');
    }
    const expiresAt = expiryOf(token);
    res.setHeader('Set-Cookie', sessionCookie(token, expiresAt, this.settings.production));
    return viewOf(principal, expiresAt);
  }
}
