import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentPrincipal, type Principal } from '@county/auth';
import { toCsv, wantsCsv } from '../reports/csv';
import { ChooseTopicDto, OpenTaskDto, TasksQueryDto, TopicsQueryDto, TrendQueryDto } from './governance.dto';
import { TaskListSchema, TaskViewSchema, TopicListSchema, TopicViewSchema, TrendSchema } from './governance.response';
import { GovernanceService } from './governance.service';

/** Governance before the call (未诉先办): proactive tasks from hotspots, and one topic a month (每月一题). */
@ApiTags('governance')
@Controller('api/v1')
export class GovernanceController {
  constructor(private readonly governance: GovernanceService) {}

  @Post('proactive-tasks')
  @Authenticated('centre', 'admin')
  @ApiOperation({
    summary: 'Make a detected hotspot a proactive task',
    description:
      "Routed by the responsibility list in effect now, as a case of the hotspot's category and place would be; its own deadline is the category's handling limit (normal urgency) from now; linked to the cases behind the hotspot. One task per hotspot. Emits proactive-task.opened.v1.",
  })
  @ApiCreatedResponse({ type: TaskViewSchema })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad field' })
  @ApiNotFoundResponse({ description: 'HOTSPOT.NOT_FOUND' })
  @ApiConflictResponse({ description: 'TASK.EXISTS: the hotspot is a task already' })
  @ApiUnprocessableEntityResponse({ description: 'TASK.NO_RESPONSIBLE_UNIT: the list names nobody for that category and place' })
  open(@Body() body: OpenTaskDto, @CurrentPrincipal() by: Principal) {
    return this.governance.openTask(body.hotspotId, by);
  }

  @Get('proactive-tasks')
  @Authenticated()
  @ApiOperation({
    summary: "Proactive tasks and where each stands: a unit's own (the centre: every unit's)",
    description:
      "The unit works on its tasks in handling (its inbox's box=proactive-tasks: sign for, progress notes, closure report); the task's workflow in case-worker warns and finds it overdue. This read folds those events: status open (not signed for) / signed / closed, the last warning level, overdue as announced by the clock (or closed late).",
  })
  @ApiOkResponse({ type: TaskListSchema })
  tasks(@Query() q: TasksQueryDto, @CurrentPrincipal() by: Principal) {
    return this.governance.tasks(by, q);
  }

  @Get('proactive-tasks/:taskId')
  @Authenticated()
  @ApiOperation({ summary: 'One proactive task and where it stands (its unit, cooperating units, the centre); the texts of its notes are in handling' })
  @ApiOkResponse({ type: TaskViewSchema })
  @ApiNotFoundResponse({ description: 'TASK.NOT_FOUND' })
  task(@Param('taskId') taskId: string, @CurrentPrincipal() by: Principal) {
    return this.governance.task(taskId, by);
  }

  @Post('monthly-topics')
  @Authenticated('centre', 'admin')
  @ApiOperation({ summary: "Choose one of the month's recurring problems as its topic (每月一题). Emits monthly-topic.chosen.v1." })
  @ApiCreatedResponse({ type: TopicViewSchema })
  @ApiConflictResponse({ description: 'TOPIC.EXISTS' })
  choose(@Body() body: ChooseTopicDto, @CurrentPrincipal() by: Principal) {
    return this.governance.chooseTopic(body, by);
  }

  @Get('monthly-topics')
  @ApiOperation({ summary: 'The topics chosen (for a month)' })
  @ApiOkResponse({ type: TopicListSchema })
  topics(@Query() q: TopicsQueryDto) {
    return this.governance.topics(q.month);
  }

  @Get('monthly-topics/:topicId/trend')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: "A topic's trend: volume, repeat appeals and satisfaction per month, before and after its month",
    description:
      'Per month: volume = cases received of the category in the place (merged-away excluded); repeatAppeals = repeat appeals recorded in the month on those cases; reached / satisfied = their return visits in the month (satisfaction rows of the KPIs). before / after: monthly means of the months before / after the topic month (the month itself in neither), satisfaction pooled; change: relative for volume and repeat appeals, in points for satisfaction. CSV: one row per month.',
  })
  @ApiOkResponse({ type: TrendSchema })
  @ApiNotFoundResponse({ description: 'TOPIC.NOT_FOUND' })
  async trend(@Param('topicId') topicId: string, @Query() q: TrendQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.governance.trend(topicId, q.before ?? 3, q.after ?? 3);
    if (!wantsCsv(q.format, accept)) return result;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="topic-${topicId}-trend.csv"`);
    return toCsv(['month', 'offset', 'volume', 'repeatAppeals', 'reached', 'satisfied', 'satisfactionRate'], result.months as unknown as Record<string, unknown>[]);
  }
}
