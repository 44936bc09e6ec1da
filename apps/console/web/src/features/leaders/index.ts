export { Ranking } from './routes/Ranking';
export { DrillDown } from './routes/DrillDown';
export { HotIssues } from './routes/HotIssues';
export type { Metric, PeriodKind } from './api/reports';
