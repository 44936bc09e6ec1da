import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@county/service-kit';
import { AuthGuard, CurrentPrincipal, type Principal } from '@county/auth';
import { correlationIdOf } from '../cases/responses';
import { PROACTIVE_TASK_OUTCOME, PROACTIVE_TASK_VIEW } from './openapi';
import { ProactiveTaskCommands, type TaskCommandOutcome } from './proactive-task-commands.service';
import { TaskNoteDto } from './proactive-task.dto';
import { proactiveTaskView, type ProactiveTaskView } from './proactive-task.queries';

function TaskCommandEndpoint(summary: string) {
  return applyDecorators(
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'carried into the events of this command' }),
    ApiResponse({ status: 200, description: `${summary}; the body names the events written`, schema: PROACTIVE_TASK_OUTCOME }),
    ApiForbiddenResponse({ description: "PROACTIVE_TASK.NOT_YOUR_TASK (routed to another unit; cooperating units read only), AUTH.ROLE_NOT_ALLOWED; nothing was written" }),
    ApiNotFoundResponse({ description: 'PROACTIVE_TASK.NOT_FOUND: evaluation opened no such task (or its event has not arrived yet)' }),
    ApiConflictResponse({ description: 'PROACTIVE_TASK.ALREADY_SIGNED, PROACTIVE_TASK.NOT_SIGNED, PROACTIVE_TASK.CLOSED; nothing was written' }),
  );
}

/**
 * The units' side of a proactive task (未诉先办): evaluation opens the task from a hotspot and
 * routes it; the unit finds it in its inbox (box=proactive-tasks), signs for it, notes progress
 * and reports its closure, as it does for a case.
 */
@ApiTags('proactive-tasks')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED' })
@Controller('api/v1/proactive-tasks')
export class ProactiveTasksController {
  constructor(
    private readonly commands: ProactiveTaskCommands,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get(':taskId')
  @ApiOperation({ summary: 'A proactive task with its clock, its linked cases, its progress notes and closure report (its unit, cooperating units, the centre)' })
  @ApiResponse({ status: 200, description: 'the task', schema: PROACTIVE_TASK_VIEW })
  @ApiForbiddenResponse({ description: 'PROACTIVE_TASK.NOT_YOUR_TASK' })
  @ApiNotFoundResponse({ description: 'PROACTIVE_TASK.NOT_FOUND' })
  get(@Param('taskId') taskId: string, @CurrentPrincipal() principal: Principal): Promise<ProactiveTaskView> {
    return proactiveTaskView(this.pool, taskId, principal);
  }

  @Post(':taskId/sign-for')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign for a proactive task routed to your unit (签收). Emits proactive-task.signed-for.v1.' })
  @TaskCommandEndpoint('signed for')
  signFor(@Param('taskId') taskId: string, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<TaskCommandOutcome> {
    return this.commands.signFor(principal, taskId, correlationIdOf(correlationId));
  }

  @Post(':taskId/progress-notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Note progress on a signed proactive task. Emits proactive-task.progress-noted.v1; the text stays in handling.' })
  @TaskCommandEndpoint('progress noted')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming text' })
  note(@Param('taskId') taskId: string, @Body() body: TaskNoteDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<TaskCommandOutcome> {
    return this.commands.noteProgress(principal, taskId, body.text, correlationIdOf(correlationId));
  }

  @Post(':taskId/closure-report')
  @HttpCode(200)
  @ApiOperation({ summary: "Close a signed proactive task with its closure report. Emits proactive-task.closure-reported.v1 (late when after the deadline), which stops the task's clock; the text stays in handling." })
  @TaskCommandEndpoint('closure reported')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming text' })
  close(@Param('taskId') taskId: string, @Body() body: TaskNoteDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<TaskCommandOutcome> {
    return this.commands.reportClosure(principal, taskId, body.text, correlationIdOf(correlationId));
  }
}
