import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'express';
import { RequestsInFlight } from '../src/auth/api-key.guard';
import { Metrics } from '@county/service-kit';
import { loadIntakeSettings } from '../src/settings';

// Intake's in-flight limit on real Node HTTP requests: a place is given back when the answer is
// sent or the caller hangs up, including a caller that hung up before the guard took its place
// (its key lookup outlasted the caller's time-out, as in a storm): that place was never given back,
// and after enough such time-outs every request was answered 429 INTAKE.BUSY.

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function withServer(handler: Handler, run: (port: number) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A POST that gives up after timeoutMs (destroys its socket), as a client with a time-out does. */
function post(port: number, timeoutMs: number): Promise<number | 'gave up'> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', timeout: timeoutMs, headers: { 'content-length': 2 } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve('gave up');
    });
    req.on('error', () => resolve('gave up'));
    req.end('{}');
  });
}

const limitOf = (n: number) => new RequestsInFlight({ ...loadIntakeSettings({}), maxRequestsInFlight: n }, new Metrics());

it('gives a place back when the answer is sent', async () => {
  const inFlight = limitOf(1);
  await withServer(
    (_req, res) => {
      const entered = inFlight.enter(res as unknown as Response);
      res.statusCode = entered ? 201 : 429;
      res.end();
    },
    async (port) => {
      expect(await post(port, 5_000)).toBe(201);
      expect(await post(port, 5_000)).toBe(201);
    },
  );
  expect(inFlight.taken).toBe(0);
});

it('takes no place for a caller that hung up before the guard came to it, so later callers are not refused', async () => {
  const inFlight = limitOf(1);
  const entered: boolean[] = [];
  let slow = true;
  await withServer(
    (_req, res) => {
      const guard = () => {
        const ok = inFlight.enter(res as unknown as Response);
        entered.push(ok);
        if (!res.destroyed) {
          res.statusCode = ok ? 201 : 429;
          res.end();
        }
      };
      // the first request's key lookup outlasts its caller's patience: the guard runs after the hang-up
      if (slow) {
        slow = false;
        res.once('close', () => setImmediate(guard));
      } else guard();
    },
    async (port) => {
      expect(await post(port, 100)).toBe('gave up');
      for (let i = 0; i < 50 && entered.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(entered).toEqual([false]);
      expect(inFlight.taken).toBe(0);
      // the next caller gets its place
      expect(await post(port, 5_000)).toBe(201);
    },
  );
  expect(inFlight.taken).toBe(0);
});
