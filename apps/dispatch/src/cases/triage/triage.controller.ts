import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags, ApiResponse } from '@nestjs/swagger';
import { QUEUE_ROWS } from '../../openapi.schemas';
import { Authenticated } from '@county/auth';
import { QueueQueryDto } from '../queue-query.dto';
import { Queues } from '../queues';

/** The triage queue: cases that no item of the responsibility list covers, waiting for a dispatcher. */
@ApiTags('triage')
@Authenticated('centre', 'admin')
@Controller('api/v1/triage')
export class TriageController {
  constructor(private readonly queues: Queues) {}

  @Get()
  @ApiResponse({ status: 200, description: 'cases in triage, oldest first, each with the reason the list did not cover it', schema: QUEUE_ROWS })
  list(@Query() query: QueueQueryDto) {
    return this.queues.list('triage', query.limit ?? 50);
  }
}
