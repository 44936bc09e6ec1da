import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../../auth/api-key.guard';
import { CaseQueries, summaryOf, type CaseSummary } from '../case-queries';
import { ListCasesQuery } from './list-cases.dto';

@ApiTags('cases')
@ApiSecurity('api-key')
@Controller('api/v1/cases')
@UseGuards(ApiKeyGuard)
export class ListCasesController {
  constructor(private readonly cases: CaseQueries) {}

  @Get()
  @ApiOkResponse({ description: 'cases, newest first; pass nextCursor as cursor for the next page (absent on the last page)' })
  async list(@Query() query: ListCasesQuery): Promise<{ items: CaseSummary[]; nextCursor?: string }> {
    const { rows, nextSeq } = await this.cases.list(
      {
        status: query.status,
        channel: query.channel,
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
