import type { Page } from 'playwright-core';
import { personAt } from './support/browser';
import { checkScreen, fileCase, openCase, outcome, refusal, signIn, startConsoleSystem, type ConsoleSystem } from './support/console-system';

/**
 * The centre's screens beyond the loop, in a real browser against the five services: merging a
 * repeat appeal and undoing the merge (intake), a joint dispatch with co-handlers picked from the
 * responsibility list's suggestion and the route preview (dispatch), and changes of the
 * responsibility list proposed by a county department's leader and by the centre, each with its
 * diff, approved or rejected by the centre. Every refusal shows the service's code; every screen
 * is checked with axe-core and saved (test-output/screens).
 */

let sys: ConsoleSystem;

beforeAll(async () => {
  sys = await startConsoleSystem('dispatcher');
}, 240_000);

afterAll(async () => {
  await sys?.stop();
});

it('merges a repeat appeal and undoes the merge, and dispatches a case jointly with a co-handler the list suggests', async () => {
  const first = await fileCase(sys.system, '商铺门前占道经营（合并测试）', '13900003331');
  const repeat = await fileCase(sys.system, '商铺门前又占道经营（合并测试）', '13900003332');
  const centre = await personAt(sys.browser, sys.base);
  const page = centre.page;
  await signIn(page, 'qh-centre.dispatcher-1');

  // merging into a case intake does not know is refused with intake's code
  await openCase(page, repeat);
  const merge = page.getByRole('form', { name: '合并重复诉求' });
  await merge.getByLabel('并入诉求编号').fill('00000000-0000-4000-8000-000000000000');
  await merge.getByLabel('理由').fill('同一事项重复受理');
  await merge.getByRole('button', { name: '合并' }).click();
  expect(await refusal(page, /CASE\./)).toMatch(/CASE\.[A-Z_]+/);

  // merged into the first case: the page says so and offers the undo
  await merge.getByLabel('并入诉求编号').fill(first);
  await merge.getByRole('button', { name: '合并' }).click();
  expect(await outcome(page, first)).toContain(`${repeat} → ${first}`);
  const undo = page.getByRole('form', { name: '撤销合并' });
  await undo.getByRole('link', { name: first }).waitFor();
  await checkScreen(page, 'd1-case-merged');
  await undo.getByLabel('理由').fill('误合并，实为不同事项');
  await undo.getByRole('button', { name: '撤销合并' }).click();
  await outcome(page, '未合并');
  await page.getByRole('form', { name: '合并重复诉求' }).waitFor();

  // joint dispatch of the first case: the route preview names the list's units
  await openCase(page, first);
  const form = page.getByRole('form', { name: '派单', exact: true });
  await form.getByText(/清单建议: .*QH-CG/).waitFor();
  await form.getByLabel('其他协办单位').selectOption(['QH-URBAN']);
  await form.getByLabel(/^分工 /).fill('县城管执法队清理占道摊点');
  // without a reason dispatch refuses it, naming the field
  await form.getByRole('button', { name: '联合派单' }).click();
  expect(await refusal(page, 'VALIDATION_FAILED')).toContain('reason');
  await form.getByLabel('理由').fill('占道经营需街道与城管联合处置');
  await form.getByRole('button', { name: '联合派单' }).click();
  expect(await outcome(page, 'case.dispatched.v1')).toContain('case.dispatched.v1');
  await checkScreen(page, 'd2-joint-dispatch');
  await centre.context.close();
}, 300_000);

it('proposes responsibility-list changes with their diff; the centre approves one, refuses to admit its own and rejects it', async () => {
  const leader = await personAt(sys.browser, sys.base);
  const centre = await personAt(sys.browser, sys.base);

  // the urban management bureau's leader proposes to add the police as a cooperating unit of street vending in Chengguan
  await signIn(leader.page, 'qh-urban.leader');
  await leader.page.getByRole('link', { name: '责任清单' }).click();
  const propose = leader.page.getByRole('form', { name: '提出清单变更' });
  await fillChange(propose, { category: 'UM.ORDER.VENDING', township: 'QH-CG', primary: 'QH-URBAN', cooperating: ['QH-MARKET', 'QH-POLICE'], reason: '夜市占道经营需公安配合' });
  const preview = propose.getByRole('table', { name: '变更对比' });
  await preview.getByRole('cell', { name: '修改' }).waitFor();
  expect(await preview.getByRole('cell', { name: 'UM.ORDER.VENDING@QH-CG' }).count()).toBe(1);
  await checkScreen(leader.page, 'd3-list-propose');
  await propose.getByRole('button', { name: '提交变更申请' }).click();
  const proposed = await outcome(leader.page, 'proposed');
  const changeId = /([0-9a-f-]{36})/.exec(proposed)?.[1] ?? '';
  expect(changeId).not.toBe('');

  // the centre proposes a removal of its own, and may not admit it: dispatch's refusal is shown
  await signIn(centre.page, 'qh-centre.dispatcher-1');
  await centre.page.getByRole('link', { name: '责任清单' }).click();
  const own = centre.page.getByRole('form', { name: '提出清单变更' });
  await own.getByLabel('事项类别').selectOption('UM.ORDER.VENDING');
  await own.getByLabel('适用范围').selectOption('rural');
  await own.getByLabel('删除该事项').check();
  await own.getByRole('table', { name: '变更对比' }).getByRole('cell', { name: '删除' }).waitFor();
  await own.getByLabel('理由').fill('农村乡镇占道经营并入县级事项');
  await own.getByRole('button', { name: '提交变更申请' }).click();
  const ownId = /([0-9a-f-]{36})/.exec(await outcome(centre.page, 'proposed'))?.[1] ?? '';
  const ownCard = centre.page.getByRole('article', { name: `变更 ${ownId}` });
  await ownCard.getByRole('button', { name: '准入（通过）' }).click();
  expect(await refusal(centre.page, 'LIST.SELF_APPROVAL')).toContain('LIST.SELF_APPROVAL');
  await ownCard.getByLabel('驳回理由').fill('不宜删除，另行研究');
  await ownCard.getByRole('button', { name: '驳回' }).click();
  await ownCard.getByRole('heading', { name: /已驳回/ }).waitFor();

  // the bureau's change, with its diff, is admitted: the list's next version
  const card = centre.page.getByRole('article', { name: `变更 ${changeId}` });
  await card.getByRole('table', { name: `变更对比 ${changeId}` }).getByRole('cell', { name: '修改' }).waitFor();
  await checkScreen(centre.page, 'd4-list-changes');
  await card.getByRole('button', { name: '准入（通过）' }).click();
  await card.getByRole('heading', { name: /已准入 · 版本 2/ }).waitFor();
  await centre.page.getByText(/^版本 2 · /).waitFor();
  await checkScreen(centre.page, 'd5-list-approved');

  // in English too
  await centre.page.getByRole('button', { name: 'English' }).click();
  await centre.page.getByRole('heading', { name: 'Proposed changes' }).waitFor();
  await checkScreen(centre.page, 'd6-list-en');
  for (const p of [leader, centre]) await p.context.close();
}, 300_000);

it("draws the month's hot issues on the county map from the territory's grid polygons, hotspots flagged", async () => {
  // a third case of one matter in one grid this month (the first scenario filed two) makes it a hotspot
  for (const phone of ['13900004441', '13900004442', '13900004443']) await fileCase(sys.system, '小区门口车辆乱停（地图测试）', phone, 'UM.ORDER.PARKING', 'QH-CG-04-04');
  const leader = await personAt(sys.browser, sys.base);
  const page = leader.page;
  await signIn(page, 'qh-centre.dispatcher-1');
  await page.getByRole('link', { name: '高频多发' }).click();
  const map = page.getByRole('img', { name: /^县域地图/ });
  await map.waitFor();
  expect(await map.locator('path').count()).toBe(212);
  // the grid's title names its count and its hotspot flag once evaluation has counted the cases
  await map.locator('path title', { hasText: /\(QH-CG-04-04\): [1-9][0-9]* ⚠/ }).waitFor({ state: 'attached', timeout: 90_000 });
  await page.getByRole('list', { name: '热点预警' }).getByText(/⚠/).first().waitFor();
  await checkScreen(page, 'd7-county-map');
  await leader.context.close();
}, 300_000);

async function fillChange(form: ReturnType<Page['getByRole']>, change: { category: string; township: string; primary: string; cooperating: string[]; reason: string }): Promise<void> {
  await form.getByLabel('事项类别').selectOption(change.category);
  await form.getByLabel('适用范围').selectOption('township');
  await form.getByLabel('指定乡镇（街道）').selectOption(change.township);
  await form.getByLabel('主体责任层级').selectOption('county');
  await form.getByLabel('主体责任单位').selectOption(change.primary);
  await form.getByLabel('配合单位').selectOption(change.cooperating);
  await form.getByLabel('理由').fill(change.reason);
}
