/**
 * The console's benchmark (npm run bench:console; not a test).
 *
 * Starts handling and evaluation (the services the inbox and the ranking read) on a database and
 * topic prefix of its own, and seeds BENCH_CASES open cases (10,000 by default) through the
 * services' own path: each case's case.received.v1 and case.dispatched.v1 on the prefixed topics,
 * as intake and dispatch publish them, spread over BENCH_UNITS communities of Chengguan street
 * (10), until handling counts them all. Then the console's server in front of them and Debian's
 * chromium (playwright-core), and BENCH_RUNS times (5) each, in a fresh browser context signed in:
 *   - the inbox (#/inbox) of the first community: navigation to first contentful paint (the
 *     browser's paint entry) and to the first meaningful paint (the box's first case row on the
 *     screen, performance.now() in the page), and the inbox's API calls in the page's resource
 *     entries (counts, the box's page);
 *   - the ranking (#/ranking): first contentful paint, the first ranked unit on the screen, the
 *     ranking call's resource entry;
 *   - beside them, the same pages' API calls alone, through the console's proxy from Node (the
 *     bare baseline: what a screen cannot beat).
 * Prints a table of medians and maxima in milliseconds. Everything it started is stopped; its
 * database and topics are dropped.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { TOPICS } from '@county/contracts';
import { testKafka } from '@county/testing';
import { startSystem } from '../test/support/system';
import { consoleUrl, startConsole } from '../apps/console/src/server/main';
import { launchBrowser } from '../apps/console/test/support/browser';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SEED_SECONDS = Number(process.env.BENCH_SEED_SECONDS ?? 900);
const USER = 'qh-cg-01.staff-1';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const max = (xs: number[]) => Math.max(...xs);

function envelope(source: 'intake' | 'dispatch', type: string, caseId: string, data: Record<string, unknown>) {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject: caseId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { caseId, ...data },
    sequence: 1,
    correlationid: `bench-${caseId}`,
    causationid: `bench-${caseId}`,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const system = await startSystem(['handling', 'evaluation']);
  const kafka = testKafka();
  const producer = kafka.producer();
  const web = mkdtempSync(join(tmpdir(), 'console-bench-'));
  let browser: Browser | undefined;
  let app: Awaited<ReturnType<typeof startConsole>> | undefined;
  try {
    await producer.connect();
    // seed: the cases as intake and dispatch would publish them, in batches
    const units = Array.from({ length: UNITS }, (_, i) => `QH-CG-${String(i + 1).padStart(2, '0')}`);
    const now = new Date().toISOString();
    for (let from = 0; from < CASES; from += 500) {
      const batch = Array.from({ length: Math.min(500, CASES - from) }, (_, i) => ({ caseId: randomUUID(), unitCode: units[(from + i) % UNITS] ?? 'QH-CG-01' }));
      const received = batch.map(({ caseId }) =>
        envelope('intake', 'case.received.v1', caseId, {
          channel: 'hotline',
          channelReference: `BENCH-${caseId.slice(0, 8)}`,
          appealType: 'complaint',
          categoryCode: 'UM.ORDER.VENDING',
          urgency: 'normal',
          description: '占道经营（基准测试）',
          location: { address: '人民路 12 号', resolved: true },
          resident: { anonymous: true },
          receivedAt: now,
          attachments: [],
        }),
      );
      const dispatched = batch.map(({ caseId, unitCode }) =>
        envelope('dispatch', 'case.dispatched.v1', caseId, {
          primaryUnitCode: unitCode,
          cooperatingUnitCodes: [],
          categoryCode: 'UM.ORDER.VENDING',
          urgency: 'normal',
          basis: { kind: 'manual', explanation: 'bench seed' },
          dispatchedAt: now,
        }),
      );
      await producer.send({ topic: `${system.topicPrefix}${TOPICS.intake}`, acks: -1, messages: received.map((e) => ({ key: e.subject, value: JSON.stringify(e) })) });
      await producer.send({ topic: `${system.topicPrefix}${TOPICS.dispatch}`, acks: -1, messages: dispatched.map((e) => ({ key: e.subject, value: JSON.stringify(e) })) });
    }
    const published = Date.now();
    const deadline = published + SEED_SECONDS * 1000;
    for (;;) {
      const r = await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM handling.assignments WHERE active');
      if ((r.rows[0]?.n ?? 0) >= CASES) break;
      if (Date.now() > deadline) throw new Error(`handling holds ${r.rows[0]?.n ?? 0} of ${CASES} cases after ${SEED_SECONDS} s`);
      await new Promise((res) => setTimeout(res, 1000));
    }
    const seeded = Date.now();

    // the web app as `npm run build` makes it, into a folder of this run
    execFileSync(process.execPath, [join(__dirname, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.mts', '--outDir', web, '--emptyOutDir', '--logLevel', 'warn'], { cwd: join(__dirname, '..', 'apps', 'console'), stdio: 'inherit' });
    app = await startConsole({ ...system.env, PORT: '0', HOST: '127.0.0.1', CONSOLE_HANDLING_URL: system.url('handling'), CONSOLE_EVALUATION_URL: system.url('evaluation') }, { webRoot: web });
    const base = consoleUrl(app);
    browser = await launchBrowser();
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const figures: Record<string, number[]> = {};
    const add = (name: string, v: number) => (figures[name] ??= []).push(v);

    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
      const signIn = await context.request.post('/console/api/session/dev', { data: { userId: USER } });
      if (!signIn.ok()) throw new Error(`sign-in: ${signIn.status()}`);
      const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const page = await context.newPage();
      page.setDefaultTimeout(120_000);

      for (const screen of ['inbox', 'ranking'] as const) {
        await page.goto('about:blank');
        await page.goto(`/#/${screen}`);
        const shown = screen === 'inbox' ? 'table[aria-label="新件"] tbody a[href^="#/cases/"]' : 'a[aria-label*="解决率"]';
        await page.waitForSelector(shown);
        const t = await page.evaluate(() => {
          const now = performance.now();
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
          const calls = (performance.getEntriesByType('resource') as unknown as { name: string; duration: number; responseEnd: number }[]).filter((e) => e.name.includes('/svc/')).map((e) => ({ name: e.name, duration: e.duration, end: e.responseEnd }));
          return { now, fcp, calls };
        });
        add(`${screen}: first contentful paint`, t.fcp);
        add(`${screen}: first meaningful paint (rows shown)`, t.now);
        const wanted = screen === 'inbox' ? ['/api/v1/inbox/counts', '/api/v1/inbox?'] : ['/api/v1/rankings'];
        for (const w of wanted) {
          const call = t.calls.find((c) => c.name.includes(w));
          if (call) add(`${screen}: ${w.replace('?', '')} in the page`, call.duration);
        }
      }

      // the same pages' API calls alone, through the console's proxy
      const alone = async (name: string, paths: string[]) => {
        const t0 = performance.now();
        await Promise.all(paths.map(async (p) => {
          const res = await fetch(`${base}${p}`, { headers: { cookie } });
          if (!res.ok) throw new Error(`${p}: ${res.status}`);
          await res.arrayBuffer();
        }));
        add(name, performance.now() - t0);
      };
      await alone('inbox: API calls alone', ['/svc/handling/api/v1/inbox/counts', '/svc/handling/api/v1/inbox?box=new&limit=50']);
      await alone('ranking: API calls alone', [`/svc/evaluation/api/v1/rankings?month=${month}`]);
      await context.close();
    }

    const counts = await fetch(`${system.url('handling')}/api/v1/inbox/counts?unitCode=QH-CG-01`, { headers: { authorization: `Bearer ${(await (await fetch(`${system.url('handling')}/api/v1/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: USER }) })).json() as { token: string }).token}` } });
    const inbox = (await counts.json()) as { counts: Record<string, number> };
    console.log(`\nbench:console: ${CASES} open cases over ${UNITS} communities (the inbox of QH-CG-01 holds ${inbox.counts.open}; new ${inbox.counts.new}); seeded in ${((seeded - started) / 1000).toFixed(0)} s (published in ${((published - started) / 1000).toFixed(0)} s); ${RUNS} runs each\n`);
    const rows = Object.entries(figures).map(([name, xs]) => [name, median(xs).toFixed(0), max(xs).toFixed(0), String(xs.length)]);
    const widths = [Math.max(...rows.map((r) => r[0].length), 10), 10, 10, 5];
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    console.log(line(['figure (ms)', 'median', 'max', 'runs']));
    for (const r of rows) console.log(line(r));
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await system.stop().catch(() => undefined);
    rmSync(web, { recursive: true, force: true });
    // the topics of this run only (its prefix)
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(system.topicPrefix));
    if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
