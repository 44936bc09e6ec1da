import type { Browser, Page } from 'playwright-core';
import { unitByCode } from '@county/reference';
import { personAt, screenshot } from './support/browser';
import { checkScreen, fileCase as fileCaseIn, openCase, outcome, signIn, startConsoleSystem, type ConsoleSystem } from './support/console-system';

/**
 * The whole loop done through the console in a real browser (Debian's chromium), by clicking and
 * typing as each role in turn, against the five services and the real engines: a case filed
 * through intake's API appears on the dispatcher's desk, is signed for, gets a whistle that the
 * department answers and the township rates, is submitted, approved, visited dissatisfied,
 * reopened, handled again, approved, visited satisfied and closed, and shows in the ranking's
 * drill-down. Every screen is checked with axe-core and saved as a screenshot (test-output/screens).
 */

let sys: ConsoleSystem;
let browser: Browser;
let base: string;

const UNIT = 'QH-CG';
const DEPARTMENT = 'QH-POLICE';

beforeAll(async () => {
  sys = await startConsoleSystem('loop');
  browser = sys.browser;
  base = sys.base;
}, 240_000);

afterAll(async () => {
  await sys?.stop();
});

const fileCase = (description: string, phone: string) => fileCaseIn(sys.system, description, phone);

it('takes a case round the whole loop through the console, as each role in turn', async () => {
  const caseId = await fileCase('消防通道被车辆长期占用（控制台测试）', '13900001111');
  const centre = await personAt(browser, base);
  const township = await personAt(browser, base);
  const department = await personAt(browser, base);
  const dispatcher = centre.page;
  const unit = township.page;
  const police = department.page;

  // sign in: the development picker of seeded users
  await dispatcher.goto('/');
  await dispatcher.getByLabel('开发用户').waitFor();
  await checkScreen(dispatcher, '01-sign-in');
  await signIn(dispatcher, 'qh-centre.dispatcher-1');

  // the dispatcher's desk shows the case filed by the hotline, routed to the street office
  await dispatcher.getByRole('table', { name: '最新诉求' }).getByRole('link', { name: caseId }).waitFor();
  await checkScreen(dispatcher, '02-dispatcher-desk');
  await dispatcher.getByRole('link', { name: caseId }).click();
  await dispatcher.getByText(/list: /).first().waitFor();
  await checkScreen(dispatcher, '03-case-page-centre');

  // the street office signs for it
  await signIn(unit, 'qh-cg.staff-1');
  await unit.getByRole('tab', { name: /^新件 \(1\)/ }).click();
  await checkScreen(unit, '04-unit-inbox');
  await unit.getByRole('table', { name: '新件' }).getByRole('link', { name: caseId }).click();
  await unit.getByRole('button', { name: '签收' }).click();
  expect(await outcome(unit, 'case.signed-for.v1')).toContain('case.signed-for.v1');

  // ... and blows the whistle: the county's public security bureau is called
  const blow = unit.getByRole('form', { name: '吹哨', exact: true });
  await blow.getByLabel('呼叫县直部门').selectOption([DEPARTMENT]);
  await blow.getByLabel('理由').fill('车辆违停需要执法');
  await blow.getByLabel('所需支持').fill('交警到场拖移');
  await blow.getByRole('button', { name: '吹哨' }).click();
  expect(await outcome(unit, 'whistle.blown.v1')).toContain('whistle.blown.v1');
  await checkScreen(unit, '05-case-page-unit-whistle');

  // the department answers, reports on site and finishes its part
  await signIn(police, 'qh-police.staff-1');
  await police.getByRole('tab', { name: /^吹哨 \(1\)/ }).click();
  await police.getByRole('table', { name: '待响应的吹哨' }).getByRole('link', { name: '车辆违停需要执法' }).waitFor();
  await checkScreen(police, '06-department-whistles');
  await police.getByRole('link', { name: '车辆违停需要执法' }).click();
  await police.getByRole('button', { name: '响应' }).click();
  expect(await outcome(police, 'whistle.answered.v1')).toContain('whistle.answered.v1');
  await police.getByRole('button', { name: '报到' }).click();
  await outcome(police, 'whistle.reported-on-site.v1');
  await police.getByRole('button', { name: '完成分工' }).click();
  await outcome(police, /part/);
  await checkScreen(police, '07-department-whistle');

  // the township rates the answer, then submits the result
  await openCase(unit, caseId);
  const rate = unit.getByRole('form', { name: /^评价/ });
  await rate.getByLabel('评分（1-5）').selectOption('5');
  await rate.getByLabel('评语').fill('响应迅速');
  await rate.getByRole('button', { name: '评价' }).click();
  await outcome(unit, /rated/);
  await submitResult(unit, '已清理消防通道并设置禁停标志');

  // the centre approves the result
  await approveAtReview(dispatcher, caseId);

  // the return-visit caller records a dissatisfied resident: the case is reopened at once
  const reopened = await recordVisit(dispatcher, caseId, { resolved: '否', satisfaction: '不满意' });
  expect(reopened).toContain('reopened');
  await checkScreen(dispatcher, '09-return-visits');

  // the unit finds it in its reopened box, signs for it again and handles it again
  await unit.goto('/#/inbox');
  await unit.getByRole('tab', { name: /^重办 \(1\)/ }).click();
  await unit.getByRole('table', { name: '重办' }).getByRole('link', { name: caseId }).click();
  await unit.getByRole('button', { name: '签收' }).click();
  await outcome(unit, 'case.signed-for.v1');
  await submitResult(unit, '已安装隔离桩并每日巡查');

  // approved again, visited satisfied: closed
  await approveAtReview(dispatcher, caseId);
  const closed = await recordVisit(dispatcher, caseId, { resolved: '是', satisfaction: '满意' });
  expect(closed).toContain('closed');

  // the ranking's drill-down shows the case behind the street office's resolution rate
  await dispatcher.getByRole('link', { name: '排名公示' }).click();
  const unitName = unitByCode(UNIT)?.name.zh ?? UNIT;
  const figure = dispatcher.getByRole('link', { name: new RegExp(`^${unitName} 解决率`) });
  await figure.waitFor();
  await checkScreen(dispatcher, '10-ranking');
  await figure.click();
  await dispatcher.getByRole('table', { name: '指标明细' }).getByRole('link', { name: caseId }).waitFor();
  await checkScreen(dispatcher, '11-kpi-drill-down');

  // the case page's one timeline now holds both rounds
  await openCase(dispatcher, caseId);
  const timeline = dispatcher.getByRole('list', { name: '办理轨迹' });
  await timeline.getByText('审核通过').nth(1).waitFor();
  expect(await timeline.getByText('重办').count()).toBeGreaterThanOrEqual(1);
  await checkScreen(dispatcher, '12-case-page-closed');

  for (const p of [centre, township, department]) await p.context.close();
}, 600_000);

async function submitResult(page: Page, text: string): Promise<void> {
  const form = page.getByRole('form', { name: '办理结果' });
  await form.getByLabel('办理结果').fill(text);
  await form.getByLabel('佐证链接（每行一个）').fill('https://evidence.example/photo-1.jpg');
  await form.getByRole('button', { name: '提交办结' }).click();
  await outcome(page, 'case.result-submitted.v1');
}

async function approveAtReview(page: Page, caseId: string): Promise<void> {
  await page.getByRole('link', { name: '审核', exact: true }).click();
  await page.getByRole('table', { name: '待审核' }).getByRole('link', { name: caseId }).click();
  const review = page.getByRole('form', { name: '审核' });
  await review.getByRole('button', { name: '通过' }).click();
  await outcome(page, 'case.result-approved.v1');
  await screenshot(page, '08-review');
}

async function recordVisit(page: Page, caseId: string, answer: { resolved: string; satisfaction: string }): Promise<string> {
  await page.getByRole('link', { name: '回访' }).click();
  const form = page.getByRole('form', { name: `记录回访 ${caseId}` });
  await form.getByLabel('是否解决').selectOption({ label: answer.resolved });
  await form.getByLabel('满意度').selectOption({ label: answer.satisfaction });
  await form.getByRole('button', { name: '记录回访' }).click();
  return outcome(page, caseId);
}

it('shows each role only its own desks and actions, and a refused action with the service code and field', async () => {
  const caseId = await fileCase('路口车辆乱停（权限测试）', '13900002222');
  const staff = await personAt(browser, base);
  const other = await personAt(browser, base);

  // a unit's staff sees its inbox and the published figures, not the centre's desks
  await signIn(staff.page, 'qh-cg.staff-1');
  const nav = staff.page.getByRole('navigation');
  expect(await nav.getByRole('link').allTextContents()).toEqual(['收件箱', '未诉先办', '排名公示', '高频多发', '公平排名', '每月一题']);
  await staff.page.goto('/#/reviews');
  await staff.page.getByText('当前角色无此功能').waitFor();

  // a staff member (not the leader) is not offered a transfer; the sign-for is there
  await openCase(staff.page, caseId);
  await staff.page.getByRole('button', { name: '签收' }).waitFor();
  expect(await staff.page.getByRole('form', { name: '申请退单' }).count()).toBe(0);
  await staff.page.getByRole('button', { name: '签收' }).click();
  await outcome(staff.page, 'case.signed-for.v1');

  // a whistle with no department is refused by handling, which names the field
  const blow = staff.page.getByRole('form', { name: '吹哨', exact: true });
  await blow.getByLabel('理由').fill('需要支援');
  await blow.getByLabel('所需支持').fill('人员');
  await blow.getByRole('button', { name: '吹哨' }).click();
  const alert = blow.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/VALIDATION_FAILED.*calledDepartmentCodes/);
  await checkScreen(staff.page, '13-refused-action');

  // another township's staff may not open the case: the service's refusal is shown
  await signIn(other.page, 'qh-ll.staff-1');
  await openCase(other.page, caseId);
  await other.page.getByRole('alert').filter({ hasText: 'CASE.NOT_YOUR_CASE' }).waitFor();

  // the centre's ops board lists the county's clocks with links into the Temporal Web UI
  const ops = await personAt(browser, base);
  await signIn(ops.page, 'qh-centre.admin');
  await ops.page.getByRole('link', { name: '运维值班' }).click();
  await ops.page.getByRole('table', { name: '服务健康' }).getByText('● up').first().waitFor();
  await checkScreen(ops.page, '14-ops-board');
  // English is one click away
  await ops.page.getByRole('button', { name: 'English' }).click();
  await ops.page.getByRole('heading', { name: 'Service health' }).waitFor();
  await checkScreen(ops.page, '15-ops-board-en');

  for (const p of [staff, other, ops]) await p.context.close();
}, 300_000);
