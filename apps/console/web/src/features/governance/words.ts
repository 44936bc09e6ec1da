import { useCallback } from 'react';
import { useLang } from '../../lib/i18n';

/** The governance screens' words, Chinese first, English beside it (DOMAIN.md's terms). */
const WORDS = {
  proactiveTasks: ['未诉先办任务', 'Proactive tasks'],
  openFromHotspot: ['由热点生成任务', 'Open a task from a hotspot'],
  openTask: ['生成任务', 'Open task'],
  hotspot: ['热点', 'Hotspot'],
  linkedCases: ['关联诉求', 'Linked cases'],
  taskStatus: ['任务状态', 'Task status'],
  'status.open': ['待签收', 'Not signed for'],
  'status.new': ['待签收', 'Not signed for'],
  'status.signed': ['办理中', 'Being worked on'],
  'status.closed': ['已办结', 'Closed'],
  role: ['承办角色', 'Role'],
  'role.lead': ['主办', 'Lead'],
  'role.cooperating': ['配合', 'Cooperating'],
  progressNotes: ['进展记录', 'Progress notes'],
  closureReport: ['办结报告', 'Closure report'],
  reportClosure: ['提交办结报告', 'Report closure'],
  noteProgress: ['记录进展', 'Note progress'],
  late: ['逾期办结', 'Closed late'],
  task: ['任务', 'Task'],
  fairRanking: ['公平排名（病例组合调整）', 'Fair ranking (case-mix adjusted)'],
  rawScore: ['原始得分', 'Raw score'],
  adjustedScore: ['调整后得分', 'Adjusted score'],
  interval: ['95% 区间', '95 % interval'],
  rawRank: ['原始名次', 'Raw rank'],
  adjustedRank: ['调整后名次', 'Adjusted rank'],
  countyMedian: ['全县中位数', 'County median'],
  whyListed: ['上榜理由', 'Why listed'],
  whyNotListed: ['未上榜理由（仅凭名次会上榜）', 'Why not listed (rank alone would list them)'],
  redList: ['红榜', 'Red list'],
  blackList: ['黑榜', 'Black list'],
  method: ['方法', 'Method'],
  monthlyTopics: ['每月一题', 'One topic a month'],
  chooseTopic: ['选定本月课题', "Choose the month's topic"],
  title: ['标题', 'Title'],
  trend: ['趋势', 'Trend'],
  before: ['之前月均', 'Mean before'],
  after: ['之后月均', 'Mean after'],
  change: ['变化', 'Change'],
  volume: ['诉求量', 'Volume'],
  repeatAppeals: ['重复诉求', 'Repeat appeals'],
  satisfaction: ['满意率', 'Satisfaction'],
  offset: ['相对月份', 'Months from topic'],
  whatIf: ['规则推演（假设分析）', 'What-if replay'],
  runWhatIf: ['推演', 'Replay'],
  signForLimitHours: ['签收时限（小时）', 'Sign-for limit (hours)'],
  handlingLimitDays: ['办理时限（工作日）', 'Handling limit (working days)'],
  weights: ['三率权重（响应/解决/满意）', 'Weights (response / resolution / satisfaction)'],
  listSize: ['榜单人数', 'List size'],
  moveTo: ['改派单位（清单变更）', 'Route instead to (list change)'],
  itemId: ['清单事项编号', 'List item id'],
  position: ['读取至位置', 'Read up to position'],
  movedCases: ['改派的诉求', 'Cases that would move'],
  deadlinesMoved: ['期限变化', 'Deadlines that move'],
  earlier: ['提前', 'earlier'],
  later: ['推后', 'later'],
  newlyOverdue: ['新增超期', 'Would become overdue'],
  noLongerOverdue: ['不再超期', 'Would no longer be overdue'],
  listChanges: ['榜单变化', 'List changes'],
  from: ['原', 'From'],
  to: ['改为', 'To'],
} as const;

export type WordKey = keyof typeof WORDS;

export function useWords() {
  const { lang } = useLang();
  const i = lang === 'zh' ? 0 : 1;
  return useCallback((key: WordKey): string => WORDS[key][i], [i]);
}
