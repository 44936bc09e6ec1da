import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { PROXIED_SERVICES, type ConsoleSettings, type ProxiedService } from './settings';
import { sessionOf } from './session';

/** Request headers a browser may pass on to a service; everything else stays at the console. */
const FORWARDED_REQUEST = ['content-type', 'accept', 'if-match', 'x-correlation-id', 'idempotency-key', 'content-length'];
/** Response headers a service's answer keeps. */
const FORWARDED_RESPONSE = ['content-type', 'etag', 'content-disposition', 'retry-after', 'cache-control'];

function fail(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ statusCode: status, code, message, ...extra }));
}

/**
 * /svc/<service>/<path> -> the service's /<path>, with the user's bearer token from the session
 * cookie. The centre's intake key and evaluation's callback token are added for centre and admin
 * users only, so no secret reaches the browser. Only the services' APIs, health and metrics pass;
 * the development token endpoint does not (sign-in goes through /console/api/session).
 */
export function serviceProxy(settings: ConsoleSettings) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const match = /^\/([a-z-]+)(\/.*)?$/.exec(url);
    const service = match?.[1] as ProxiedService | undefined;
    const path = match?.[2] ?? '/';
    if (!service || !PROXIED_SERVICES.includes(service)) return fail(res, 404, 'CONSOLE.UNKNOWN_SERVICE', `no service ${service ?? ''} behind the console`);
    if (!/^\/(api\/|health|metrics)/.test(path) || /^\/api\/v1\/dev\//.test(path)) {
      return fail(res, 404, 'CONSOLE.NOT_PROXIED', `${path} of ${service} is not reachable through the console`);
    }
    const session = sessionOf(req.headers.cookie, settings.tokenSecret);
    const headers: Record<string, string> = {};
    for (const h of FORWARDED_REQUEST) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    if (session) {
      headers.authorization = `Bearer ${session.token}`;
      const centre = session.principal.role === 'centre' || session.principal.role === 'admin';
      if (centre && service === 'intake') headers['x-api-key'] = settings.intakeCentreKey;
      if (centre && service === 'evaluation') headers['x-callback-token'] = settings.callbackToken;
    }
    const target = new URL(path, settings.services[service]);
    const upstream = httpRequest(target, { method: req.method, headers }, (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const h of FORWARDED_RESPONSE) {
        const v = answer.headers[h];
        if (v !== undefined) out[h] = v;
      }
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    upstream.on('error', (err) => {
      if (!res.headersSent) fail(res, 502, 'CONSOLE.SERVICE_UNAVAILABLE', `${service} did not answer: ${err.message}`, { service });
      else res.destroy(err);
    });
    req.pipe(upstream);
  };
}
