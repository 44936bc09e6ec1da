import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ReceiveCaseDto } from './receive-case.dto';
import { ReceiveCaseHandler, type CaseAccepted } from './receive-case.handler';

@ApiTags('cases')
@Controller('api/v1/cases')
export class ReceiveCaseController {
  constructor(private readonly handler: ReceiveCaseHandler) {}

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'carried into every event and log line of this case' })
  @ApiCreatedResponse({ description: 'the appeal became a case' })
  @ApiBadRequestResponse({ description: 'the body names each bad field; nothing was stored' })
  receive(@Body() body: ReceiveCaseDto, @Headers('x-correlation-id') correlationId?: string): Promise<CaseAccepted> {
    return this.handler.execute(body, correlationId || randomUUID());
  }
}
