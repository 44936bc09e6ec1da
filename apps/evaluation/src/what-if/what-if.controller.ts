import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse, ApiBadRequestResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { FAIR_RANKING } from '../reports/reports.controller';
import { WhatIfRequestDto } from './what-if.dto';
import { WhatIfResponseSchema } from './what-if.response';
import { WhatIfService } from './what-if.service';
import type { WhatIfProposal } from '../domain/what-if';

const WHAT_IF = `Replays the real events of a month through the live rules and through the proposal, and reports the difference. Nothing live is touched: the events are read in one read-only transaction and the replay is a pure function.
Routing: each case routed in the month (its first dispatch, else its reception) is routed by the responsibility list version in effect then, and by that version with the proposed change (a proposed change's id, or items written for the question, checked by the list's admission rules); a case moves when its primary unit differs.
Deadlines: the sign-for, first-contact and handling clocks of each case first dispatched in the month are planned from that dispatch with the live deadline policy and with the proposed limits and warning fractions (the same clock planning as case-worker). A clock is overdue when it was done (first sign-for, first contact, first result) after its deadline, or not done by the end of the month and its deadline passed. Pauses and extensions are not replayed.
Ranking: before = the month's ranking as published; after = with the proposed weights, list size and list rule, over the same cases with each clock whose overdue status the proposal changes marked overdue or not. A moved case keeps the unit that really handled it.
Deterministic: the report names the position (consumed event sequence) it read up to; the same position and proposal give the same report. Bounded: at most EVALUATION_WHAT_IF_MAX_EVENTS events (default 300000) and EVALUATION_WHAT_IF_TIMEOUT_MS (default 30000) of reading, else 422 WHAT_IF.TOO_LARGE or WHAT_IF.TOO_LONG.`;

/** What-if replay (no state changes; POST because the proposal is a body). */
@ApiTags('what-if')
@Controller('api/v1/what-if')
export class WhatIfController {
  constructor(private readonly whatIf: WhatIfService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'What a proposed list change, deadline policy or ranking setting would have done to a past month', description: `${WHAT_IF}\n${FAIR_RANKING}` })
  @ApiOkResponse({ type: WhatIfResponseSchema })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: errors names each bad field' })
  @ApiNotFoundResponse({ description: 'WHAT_IF.NO_SUCH_CHANGE: list.changeId names no proposed change of the responsibility list' })
  @ApiUnprocessableEntityResponse({ description: 'the proposal breaks a rule (LIST.*, WHAT_IF.INVALID_*), the position is ahead of the events, or the replay is too large or too long; field names what' })
  async replay(@Body() body: WhatIfRequestDto) {
    const { month, position, unitKind, maxCaseIds, list, deadlinePolicy, ranking } = body;
    return this.whatIf.replay({
      month,
      position,
      unitKind,
      maxCaseIds,
      proposal: {
        ...(list && { list: list as WhatIfProposal['list'] }),
        ...(deadlinePolicy && { deadlinePolicy }),
        ...(ranking && { ranking }),
      },
    });
  }
}
