import type { Lang } from '../../../lib/i18n';

/** The case's events in the words of docs/domain.md, for the one timeline. */
const EVENT_LABELS: Record<string, readonly [string, string]> = {
  'case.received.v1': ['受理', 'Received'],
  'case.sent-to-triage.v1': ['转人工分拨', 'Sent to triage'],
  'case.dispatched.v1': ['派单', 'Dispatched'],
  'case.transfer-request-registered.v1': ['退单申请已登记', 'Transfer request registered'],
  'case.transfer-approved.v1': ['退单通过', 'Transfer approved'],
  'case.transfer-rejected.v1': ['退单驳回', 'Transfer rejected'],
  'case.result-registered.v1': ['办结已提交审核', 'Result registered for review'],
  'case.result-approved.v1': ['审核通过', 'Result approved'],
  'case.result-sent-back.v1': ['退回重办', 'Result sent back'],
  'case.extension-request-registered.v1': ['延期申请已登记', 'Extension request registered'],
  'case.extension-approved.v1': ['延期通过', 'Extension approved'],
  'case.extension-rejected.v1': ['延期驳回', 'Extension rejected'],
  'case.pause-request-registered.v1': ['暂停申请已登记', 'Pause request registered'],
  'case.clock-paused.v1': ['暂停计时', 'Clock paused'],
  'case.clock-resumed.v1': ['恢复计时', 'Clock resumed'],
  'case.pause-rejected.v1': ['暂停驳回', 'Pause rejected'],
  signed: ['签收', 'Signed for'],
  'first-contact': ['首次联系', 'First contact'],
  progress: ['最近进展', 'Last progress note'],
  result: ['提交办结', 'Result submitted'],
  reopened: ['重办', 'Reopened'],
  'whistle-blown': ['吹哨', 'Whistle blown'],
  'whistle-answered': ['部门响应', 'Department answered'],
  'whistle-reported': ['部门报到', 'Department reported on site'],
  'whistle-finished': ['部门完成分工', 'Department finished its part'],
  'whistle-rated': ['评价部门', 'Department rated'],
  received: ['受理', 'Received'],
  dispatched: ['派单', 'Dispatched'],
  deadline: ['办理期限', 'Handling deadline set'],
  closed: ['办结关闭', 'Closed'],
  merged: ['合并', 'Merged'],
};

export function eventLabel(type: string, lang: Lang): string {
  return EVENT_LABELS[type]?.[lang === 'zh' ? 0 : 1] ?? type;
}
