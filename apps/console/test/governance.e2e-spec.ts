import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS, type CloudEvent } from '@county/contracts';
import { grids, unitByCode } from '@county/reference';
import { eventually, testKafka } from '@county/testing';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { consoleUrl, startConsole } from '../src/server/main';
import { ARTEFACTS, accessibilityViolations, launchBrowser, personAt, screenshot } from './support/browser';
import { outcome } from './support/console-system';

/**
 * Governance before the call through the console in a real browser (Debian's chromium), against
 * handling, evaluation and case-worker on the real engines: the centre opens a proactive task
 * from a detected hotspot, reads the fair ranking, chooses a month's topic and reads its trend,
 * and replays the month through a proposal; the street office finds the task, signs for it,
 * notes progress and reports its closure. Every screen is checked with axe-core, in both languages.
 */

let system: RunningSystem;
let consoleApp: INestApplication;
let browser: Browser;
let producer: Producer;
let base: string;

const WEB = join(ARTEFACTS, 'web-governance');
const BBQ = 'UM.ORDER.OUTDOOR-BBQ';
const grid = grids().find((g) => g.townshipCode === 'QH-CG')!;
const caseId = (i: number) => `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`;

beforeAll(async () => {
  execFileSync(process.execPath, [join(__dirname, '..', '..', '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.mts', '--outDir', WEB, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: join(__dirname, '..'),
    stdio: 'inherit',
  });
  system = await startSystem(['handling', 'evaluation', 'case-worker']);
  consoleApp = await startConsole(
    { ...system.env, PORT: '0', HOST: '127.0.0.1', CONSOLE_HANDLING_URL: system.url('handling'), CONSOLE_EVALUATION_URL: system.url('evaluation'), CONSOLE_CASE_WORKER_URL: system.url('case-worker') },
    { webRoot: WEB },
  );
  base = consoleUrl(consoleApp);
  browser = await launchBrowser();
  producer = testKafka().producer();
  await producer.connect();
}, 240_000);

afterAll(async () => {
  await producer?.disconnect();
  await browser?.close();
  await consoleApp?.close();
  await system?.stop();
});

async function checkScreen(page: Page, name: string): Promise<void> {
  expect({ screen: name, violations: await accessibilityViolations(page) }).toEqual({ screen: name, violations: [] });
  await screenshot(page, name);
}

async function signIn(page: Page, userId: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('开发用户').selectOption(userId);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('button', { name: '退出' }).waitFor();
}

/** Publishes an event as the service would (CloudEvent, key = case id) to the system's prefixed topic. */
async function publish(source: 'intake' | 'dispatch', type: string, subject: string, time: string, data: Record<string, unknown>): Promise<void> {
  const event: CloudEvent = { specversion: '1.0', id: randomUUID(), source, type, subject, time, datacontenttype: 'application/json', data: { caseId: subject, ...data }, sequence: 1, correlationid: subject, causationid: subject };
  await producer.send({ topic: `${system.topicPrefix}${TOPICS[source]}`, acks: -1, messages: [{ key: subject, value: JSON.stringify(event) }] });
}

/** One barbecue case in February and five in March at a grid of the street office, dispatched to it: a hotspot. */
async function seedHotspot(): Promise<void> {
  const received = (i: number, at: string) =>
    publish('intake', 'case.received.v1', caseId(i), at, {
      channel: 'hotline', channelReference: `HL-GOV-${i}`, appealType: 'complaint', categoryCode: BBQ, urgency: 'normal', description: 'smoke',
      location: { resolved: true, townshipCode: grid.townshipCode, communityCode: grid.communityCode, gridCode: grid.code }, resident: { anonymous: true }, receivedAt: at, attachments: [],
    });
  await received(0, '2026-02-10T01:00:00.000Z');
  await eventually(async () => ((await system.db.pool.query(`SELECT 1 FROM evaluation.case_facts WHERE case_id = $1`, [caseId(0)])).rowCount ? true : undefined), 60_000, 100);
  for (const i of [1, 2, 3, 4, 5]) await received(i, `2026-03-0${i + 1}T01:00:00.000Z`);
  for (const i of [1, 2, 3, 4, 5]) {
    const at = `2026-03-0${i + 1}T01:30:00.000Z`;
    await publish('dispatch', 'case.dispatched.v1', caseId(i), at, { primaryUnitCode: grid.townshipCode, cooperatingUnitCodes: [], categoryCode: BBQ, urgency: 'normal', townshipCode: grid.townshipCode, basis: { kind: 'list', explanation: 'x' }, dispatchedAt: at });
  }
  await eventually(async () => ((await system.db.pool.query(`SELECT 1 FROM evaluation.events WHERE event_type = 'hotspot.detected.v1'`)).rowCount ? true : undefined), 60_000, 100);
}

it('opens a proactive task from a hotspot, reads the fair ranking, a topic\'s trend and a what-if; the unit works the task to its closure', async () => {
  await seedHotspot();
  const { page: centre } = await personAt(browser, base);
  const { page: unit } = await personAt(browser, base);

  // the centre opens the task from the hotspot
  await signIn(centre, 'qh-centre.dispatcher-1');
  await centre.getByRole('link', { name: '未诉先办' }).click();
  const hotspots = centre.getByRole('region', { name: '由热点生成任务' });
  await hotspots.getByLabel('月份').fill('2026-03');
  await hotspots.getByRole('button', { name: /^生成任务/ }).first().click();
  await outcome(centre, '任务');
  const tasks = centre.getByRole('table', { name: '未诉先办任务' });
  await tasks.getByRole('cell', { name: '待签收' }).waitFor();
  await tasks.getByRole('link', { name: `诉求 ${caseId(1)}` }).waitFor();
  await checkScreen(centre, 'gov-01-centre-proactive-tasks');

  // the fair ranking: adjusted beside raw, with intervals and why each unit is (not) listed
  await centre.getByRole('link', { name: '公平排名' }).click();
  await centre.getByLabel('月份').fill('2026-03');
  await centre.getByRole('columnheader', { name: '调整后得分' }).waitFor();
  await centre.getByRole('table', { name: '公平排名（病例组合调整）' }).getByRole('row').filter({ hasText: unitByCode(grid.townshipCode)?.name.zh ?? grid.townshipCode }).waitFor();
  await centre.getByRole('list', { name: '上榜理由', exact: true }).waitFor();
  await checkScreen(centre, 'gov-02-fair-ranking');

  // one topic a month, and its trend (chart, table, CSV)
  await centre.getByRole('link', { name: '每月一题' }).click();
  const choose = centre.getByRole('form', { name: '选定本月课题' });
  await choose.getByLabel('月份').fill('2026-02');
  await choose.getByLabel('事项类别').fill(BBQ);
  await choose.getByLabel('地点层级').selectOption('grid');
  await choose.getByLabel('地点', { exact: true }).fill(grid.code);
  await choose.getByLabel('标题').fill('烧烤油烟');
  await choose.getByRole('button', { name: '选定本月课题' }).click();
  await outcome(centre, '2026-02');
  const trend = centre.getByRole('table', { name: '趋势' });
  await trend.getByRole('row').filter({ hasText: '2026-03' }).getByRole('cell', { name: '5', exact: true }).waitFor();
  await centre.getByRole('img', { name: /^趋势/ }).waitFor();
  await centre.getByRole('link', { name: '下载 CSV' }).waitFor();
  await checkScreen(centre, 'gov-03-monthly-topic-trend');

  // what-if: the month replayed with a sign-for limit of one working hour for barbecues
  await centre.getByRole('link', { name: '规则推演' }).click();
  const whatIf = centre.getByRole('form', { name: '规则推演（假设分析）' });
  await whatIf.getByLabel('月份').fill('2026-03');
  await whatIf.getByLabel('事项类别').fill(BBQ);
  await whatIf.getByLabel('签收时限（小时）').fill('1');
  await whatIf.getByRole('button', { name: '推演' }).click();
  await centre.getByRole('table', { name: '榜单变化' }).waitFor();
  await centre.getByText(/^读取至位置 \d+/).waitFor();
  await checkScreen(centre, 'gov-04-what-if');

  // the street office finds the task, signs for it, notes progress and reports the closure
  await signIn(unit, 'qh-cg.staff-1');
  await unit.getByRole('link', { name: '未诉先办' }).click();
  await unit.getByRole('table', { name: '未诉先办任务' }).getByRole('button', { name: /^任务:/ }).click();
  await unit.getByRole('button', { name: '签收' }).click();
  await outcome(unit, 'proactive-task.signed-for.v1');
  const note = unit.getByRole('form', { name: '记录进展' });
  await note.getByLabel('记录进展').fill('已约谈两家烧烤店');
  await note.getByRole('button', { name: '记录进展' }).click();
  await outcome(unit, 'proactive-task.progress-noted.v1');
  await unit.getByRole('list', { name: '进展记录' }).getByText(/已约谈两家烧烤店/).waitFor();
  await checkScreen(unit, 'gov-05-unit-task');
  const close = unit.getByRole('form', { name: '提交办结报告' });
  await close.getByLabel('办结报告').fill('安装无烟烧烤炉，每周巡查');
  await close.getByRole('button', { name: '提交办结报告' }).click();
  await outcome(unit, 'proactive-task.closure-reported.v1');

  // the centre sees it closed (in English this time)
  await centre.getByRole('button', { name: 'English' }).click();
  await centre.getByRole('link', { name: 'Proactive tasks' }).click();
  await centre.getByRole('table', { name: 'Proactive tasks' }).getByRole('cell', { name: 'Closed' }).waitFor();
  await checkScreen(centre, 'gov-06-centre-proactive-tasks-en');
}, 300_000);
