import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { DRILL_DOWN_CONTENT, HOTSPOTS_CONTENT, HOT_ISSUES_CONTENT, KPIS_CONTENT } from '../openapi.schemas';
import type { Response } from 'express';
import { METRICS } from '../domain/kpis';
import { toCsv, wantsCsv } from './csv';
import { DrillDownQueryDto, HotIssuesMonthlyQueryDto, HotspotsQueryDto, HotIssuesRollingQueryDto, KpisQueryDto, RankingsQueryDto } from './reports.dto';
import { ReportsService, type HotIssueRow } from './reports.service';
import { RankingResponseSchema } from './ranking.response';

const THREE_RATES = `Three-rate score (三率), 0..100 = 100 x (w_resp x response + w_res x resolution + w_sat x satisfaction) / (w_resp + w_res + w_sat), weights EVALUATION_THREE_RATE_WEIGHTS (default 30,35,35).
response = cases signed for with neither the sign-for nor the first-contact clock overdue / cases whose response is decided (signed for, or either clock overdue), per lead unit, on the day of the dispatch to it;
resolution = cases whose last return visit says resolved / cases whose resident was reached, for the unit whose result was approved, on the day of the visit;
satisfaction = (satisfied + basically satisfied) / the same cases. Unreachable residents count in neither.
A rate without cases is left out and the other weights rescaled; a unit without any rate has no score and is not ranked.`;

export const FAIR_RANKING = `Fair figures beside the raw ones (the raw rate is always published). Stratum of a case = category x urgency x appeal type.
For each rate of a unit: O = its hits, n = its cases, raw = O / n; p_s = the county's rate in stratum s (every unit's cases of the month); P = the county's rate;
E = sum over s of n_s x p_s; ratio = O / E (indirect standardisation); adjusted = min(1, ratio x P).
Interval: 95 % Wilson, centre = (raw + z^2/2n) / (1 + z^2/n), half-width = z / (1 + z^2/n) x sqrt(raw (1 - raw) / n + z^2 / 4n^2), z = 1.959964; the adjusted interval is the raw one times n x P / E, capped at 1.
adjustedScore = the three-rate score of the adjusted rates; a score interval = the scores of the interval bounds.
Lists, EVALUATION_LIST_RULE=evidence (default): by adjusted score; county median = the median adjusted score of the ranked units; red list = up to N best units whose whole interval lies above the median, black list = up to N worst whose whole interval lies below it; listed says why each unit is on its list, notListed why a unit its rank alone would have listed is not.
EVALUATION_LIST_RULE=rank: the first and last N by raw score.`;

const RANKING_COLUMNS = ['rank', 'unitCode', 'score', 'responseRate', 'resolutionRate', 'satisfactionRate', 'volume', 'list', 'scoreLow', 'scoreHigh', 'adjustedRank', 'adjustedScore', 'adjustedScoreLow', 'adjustedScoreHigh', 'responseRatio', 'resolutionRatio', 'satisfactionRatio', 'listReason'];

const HOT_COLUMNS = ['categoryCode', 'placeCode', 'count', 'previousCount', 'delta', 'ratio', 'caseIds'];

/** Read API: KPIs with drill-down to the cases, monthly rankings, hot issues; JSON or CSV. */
@ApiTags('reports')
@ApiProduces('application/json', 'text/csv')
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('kpis')
  @ApiOperation({ summary: 'KPIs of every unit for a day or a month', description: `Figures: count = rows, rate = numerator / denominator, average = mean. ${THREE_RATES}` })
  @ApiResponse({ status: 200, description: 'one entry per unit with every figure and its three-rate score', content: KPIS_CONTENT })
  async kpis(@Query() q: KpisQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.reports.kpis(q.period, q.date, q.unitKind);
    if (!wantsCsv(q.format, accept)) return result;
    const columns = ['unitCode', 'unitKind', 'threeRateScore', ...METRICS.flatMap((m) => [`${m}.value`, `${m}.numerator`, `${m}.denominator`])];
    const rows = result.units.map((u) => ({
      unitCode: u.unitCode,
      unitKind: u.unitKind,
      threeRateScore: u.threeRateScore,
      ...Object.fromEntries(METRICS.flatMap((m) => [[`${m}.value`, u.figures[m].value], [`${m}.numerator`, u.figures[m].numerator], [`${m}.denominator`, u.figures[m].denominator]])),
    }));
    return this.csv(res, `kpis-${q.period}-${q.date}.csv`, toCsv(columns, rows));
  }

  @Get('kpis/:unitCode/cases')
  @ApiOperation({ summary: 'The cases behind one figure of one unit (drill-down)', description: 'Each row is one case (and item: a whistle, a repeat appeal) counted in the figure; hit says whether it is in the numerator.' })
  @ApiResponse({ status: 200, description: 'the cases behind the figure', content: DRILL_DOWN_CONTENT })
  async drillDown(@Param('unitCode') unitCode: string, @Query() q: DrillDownQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.reports.drillDown(unitCode, q.metric, q.period, q.date);
    if (!wantsCsv(q.format, accept)) return result;
    return this.csv(res, `${unitCode}-${q.metric}-${q.date}.csv`, toCsv(['caseId', 'item', 'day', 'hit', 'value'], result.rows as unknown as Record<string, unknown>[]));
  }

  @Get('rankings')
  @ApiOperation({
    summary: 'Monthly ranking by three-rate score, raw and adjusted for the case mix, with intervals and the red and black lists',
    description: `${THREE_RATES}\nRanks: higher score first, ties share a rank (1, 2, 2, 4). List size N = EVALUATION_LIST_SIZE (default 3).\n${FAIR_RANKING}`,
  })
  @ApiExtraModels(RankingResponseSchema)
  @ApiResponse({
    status: 200,
    description: 'the ranking with its red and black lists: JSON; with Accept: text/csv or format=csv one row per unit with the columns ' + RANKING_COLUMNS.join(', '),
    content: { 'application/json': { schema: { $ref: getSchemaPath(RankingResponseSchema) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async rankings(@Query() q: RankingsQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.reports.ranking(q.month, q.unitKind);
    if (!wantsCsv(q.format, accept)) return result;
    const reasons = new Map([...result.ranking.listed, ...result.ranking.notListed].map((e) => [e.unitCode, e.reason]));
    const rows = result.ranking.units.map((u) => ({
      ...u,
      list: result.ranking.redList.includes(u.unitCode) ? 'red' : result.ranking.blackList.includes(u.unitCode) ? 'black' : '',
      scoreLow: u.fair.scoreInterval?.low ?? null,
      scoreHigh: u.fair.scoreInterval?.high ?? null,
      adjustedRank: u.fair.adjustedRank,
      adjustedScore: u.fair.adjustedScore,
      adjustedScoreLow: u.fair.adjustedScoreInterval?.low ?? null,
      adjustedScoreHigh: u.fair.adjustedScoreInterval?.high ?? null,
      responseRatio: u.fair.rates.response.ratio,
      resolutionRatio: u.fair.rates.resolution.ratio,
      satisfactionRatio: u.fair.rates.satisfaction.ratio,
      listReason: reasons.get(u.unitCode) ?? '',
    }));
    return this.csv(res, `ranking-${q.month}.csv`, toCsv(RANKING_COLUMNS, rows));
  }

  @Get('hot-issues/monthly')
  @ApiOperation({ summary: 'Cases by category and place in a month, against the month before (高频多发)' })
  @ApiResponse({ status: 200, description: 'categories by place', content: HOT_ISSUES_CONTENT })
  async hotMonthly(@Query() q: HotIssuesMonthlyQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.reports.hotIssuesMonthly(q.month, q.placeKind ?? 'community');
    if (!wantsCsv(q.format, accept)) return result;
    return this.csv(res, `hot-issues-${q.month}.csv`, toCsv(HOT_COLUMNS, result.rows as unknown as Record<string, unknown>[]));
  }

  @Get('hot-issues/rolling')
  @ApiOperation({ summary: 'Cases by category and place in the last N days, against the N days before' })
  @ApiResponse({ status: 200, description: 'categories by place', content: HOT_ISSUES_CONTENT })
  async hotRolling(@Query() q: HotIssuesRollingQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.reports.hotIssuesRolling(q.endDay, q.days ?? 30, q.placeKind ?? 'community');
    if (!wantsCsv(q.format, accept)) return result;
    return this.csv(res, `hot-issues-${q.endDay}-${q.days ?? 30}d.csv`, toCsv(HOT_COLUMNS, result.rows as HotIssueRow[] as unknown as Record<string, unknown>[]));
  }

  @Get('hotspots')
  @ApiOperation({
    summary: 'Hotspots detected in a month',
    description: 'A category in a grid or community is a hotspot when its count in the month is >= minCount and >= factor x the mean monthly count of the baselineMonths months before (EVALUATION_SPIKE_RULE, default 3,2,5); each carries its rule and the cases counted.',
  })
  @ApiResponse({ status: 200, description: 'the hotspots', content: HOTSPOTS_CONTENT })
  async hotspots(@Query() q: HotspotsQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.reports.hotspots(q.month);
    if (!wantsCsv(q.format, accept)) return result;
    return this.csv(res, `hotspots-${q.month}.csv`, toCsv(['categoryCode', 'placeKind', 'placeCode', 'period', 'count', 'baseline', 'detectedAt', 'caseIds'], result.hotspots as unknown as Record<string, unknown>[]));
  }

  private csv(res: Response, filename: string, body: string): string {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }
}
