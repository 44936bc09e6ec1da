import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiSecurity, ApiTags, ApiResponse } from '@nestjs/swagger';
import { CASE_PAGE } from '../case.schemas';
import { ErrorCodes, DomainError } from '@county/contracts';
import { ApiKeyGuard, CallerKey, readableChannel } from '../../auth/api-key.guard';
import type { ApiKey } from '../../auth/api-keys';
import { CaseQueries, summaryOf, type CaseSummary } from '../case-queries';
import { ListCasesQuery } from './list-cases.dto';

@ApiTags('cases')
@ApiSecurity('api-key')
@Controller('api/v1/cases')
@UseGuards(ApiKeyGuard)
export class ListCasesController {
  constructor(private readonly cases: CaseQueries) {}

  @Get()
  @ApiResponse({ status: 200, description: 'cases, newest first; pass nextCursor as cursor for the next page (absent on the last page)', schema: CASE_PAGE })
  async list(@Query() query: ListCasesQuery, @CallerKey() caller: ApiKey): Promise<{ items: CaseSummary[]; nextCursor?: string }> {
    const own = readableChannel(caller);
    if (own !== undefined && query.channel !== undefined && query.channel !== own) {
      throw new DomainError(ErrorCodes.AUTH_WRONG_CHANNEL, `this key reads the cases of the channel ${own} only, not ${query.channel}`, 'forbidden');
    }
    const { rows, nextSeq } = await this.cases.list(
      {
        status: query.status,
        channel: own ?? query.channel,
        categoryCode: query.categoryCode,
        townshipCode: query.townshipCode,
        receivedFrom: query.receivedFrom,
        receivedTo: query.receivedTo,
      },
      query.limit ?? 20,
      query.cursor?.slice(1),
    );
    return { items: rows.map(summaryOf), ...(nextSeq !== undefined && { nextCursor: `c${nextSeq}` }) };
  }
}
