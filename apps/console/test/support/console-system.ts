import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the test harness of test/support, as the browser tests beside it use it
import { startSystem, type RunningSystem } from '../../../../test/support/system';
import { consoleUrl, startConsole } from '../../src/server/main';
import { ARTEFACTS, accessibilityViolations, launchBrowser, screenshot } from './browser';

/** The five services on the real engines, the console in front of them (its web app built for this run) and Debian's chromium. */
export interface ConsoleSystem {
  readonly system: RunningSystem;
  readonly base: string;
  readonly browser: Browser;
  stop(): Promise<void>;
}

export async function startConsoleSystem(name: string): Promise<ConsoleSystem> {
  const web = join(ARTEFACTS, `web-${name}`);
  // the single-page application as `npm run build` makes it, into a folder of this run
  execFileSync(process.execPath, [join(__dirname, '..', '..', '..', '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.mts', '--outDir', web, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
  });
  const system = await startSystem(['intake', 'dispatch', 'handling', 'evaluation', 'case-worker']);
  const app: INestApplication = await startConsole(
    {
      ...system.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CONSOLE_INTAKE_URL: system.url('intake'),
      CONSOLE_DISPATCH_URL: system.url('dispatch'),
      CONSOLE_HANDLING_URL: system.url('handling'),
      CONSOLE_EVALUATION_URL: system.url('evaluation'),
      CONSOLE_CASE_WORKER_URL: system.url('case-worker'),
    },
    { webRoot: web },
  );
  const browser = await launchBrowser();
  return {
    system,
    base: consoleUrl(app),
    browser,
    async stop() {
      await browser.close();
      await app.close();
      await system.stop();
    },
  };
}

/** Axe finds nothing on the screen as it is, and the screen is saved. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  expect({ screen: name, violations: await accessibilityViolations(page) }).toEqual({ screen: name, violations: [] });
  await screenshot(page, name);
}

/** Development sign-in as a seeded user, by keyboard from the user picker. */
export async function signIn(page: Page, userId: string): Promise<void> {
  await page.goto('/');
  const user = page.getByLabel('开发用户');
  await user.selectOption(userId);
  await user.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '退出' }).waitFor();
}

/** The command's outcome line: done (its text), or the refusal's text as an error. */
export async function outcome(page: Page, text: string | RegExp = /./): Promise<string> {
  const ok = page.getByRole('status').filter({ hasText: '已完成' }).filter({ hasText: text }).first();
  const refused = page.getByRole('alert').first();
  // A refusal of an earlier try stays on the screen until the page has rendered the new try as
  // under way (the command's state changes after the click returns, later on a busy machine), so
  // only a refusal shown after that counts.
  await Promise.race([ok.waitFor(), refused.waitFor({ state: 'detached' })]);
  await Promise.race([ok.waitFor(), refused.waitFor().then(async () => Promise.reject(new Error(`refused: ${await refused.textContent()}`)))]);
  return (await ok.textContent()) ?? '';
}

/** A refusal shown on the screen: the service's code (and the field it names). */
export async function refusal(page: Page, text: string | RegExp): Promise<string> {
  const alert = page.getByRole('alert').filter({ hasText: text }).first();
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

export async function openCase(page: Page, caseId: string): Promise<void> {
  await page.goto(`/#/cases/${caseId}`);
  await page.getByRole('heading', { name: `诉求 ${caseId}` }).waitFor();
}

/** A case filed through intake's API, as the hotline files it. */
export async function fileCase(system: RunningSystem, description: string, phone: string, categoryCode = 'UM.ORDER.PARKING', gridCode = 'QH-CG-04-04'): Promise<string> {
  const res = await fetch(`${system.url('intake')}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dev-hotline-key' },
    body: JSON.stringify({
      channel: 'hotline',
      channelReference: `HL-CONSOLE-${Date.now()}-${phone}`,
      appealType: 'complaint',
      categoryCode,
      urgency: 'normal',
      description,
      location: { gridCode },
      resident: { phone },
      receivedAt: new Date().toISOString(),
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}
