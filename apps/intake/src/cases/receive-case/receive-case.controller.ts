import { Body, Controller, Headers, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiResponse,
  ApiSecurity,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { APPEAL_CREATED, APPEAL_REPEAT } from '../case.schemas';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ErrorCodes, DomainError } from '@county/contracts';
import { ApiKeyGuard, CallerKey } from '../../auth/api-key.guard';
import type { ApiKey } from '../../auth/api-keys';
import { ReceiveCaseDto } from './receive-case.dto';
import { ReceiveCaseHandler, callerGone, type AppealOutcome } from './receive-case.handler';

@ApiTags('cases')
@ApiSecurity('api-key')
@Controller('api/v1/cases')
@UseGuards(ApiKeyGuard)
export class ReceiveCaseController {
  constructor(private readonly handler: ReceiveCaseHandler) {}

  @Post()
  @ApiHeader({ name: 'X-Api-Key', required: true, description: "the integrating channel's API key" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key with the same body answers the first answer again; with another body 409' })
  @ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'carried into every event and log line of this case' })
  @ApiResponse({ status: 201, description: 'the appeal became a case', schema: APPEAL_CREATED })
  @ApiResponse({ status: 200, description: 'a repeat appeal was recorded on the open case it repeats (caseId names that case), or the first answer is repeated', schema: APPEAL_REPEAT })
  @ApiBadRequestResponse({ description: 'the body names each bad field; nothing was stored' })
  @ApiUnauthorizedResponse({ description: 'no API key' })
  @ApiForbiddenResponse({ description: 'unknown or revoked key, or a key of another channel' })
  @ApiConflictResponse({ description: 'the Idempotency-Key or the channel reference was used with a different body' })
  @ApiTooManyRequestsResponse({ description: "over the key's rate limit, or intake is working on as many requests as it takes (INTAKE.BUSY); see Retry-After" })
  async receive(
    @Body() body: ReceiveCaseDto,
    @CallerKey() caller: ApiKey,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<AppealOutcome> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,128}$/.test(idempotencyKey)) {
      throw new DomainError(ErrorCodes.VALIDATION_FAILED, 'invalid request: Idempotency-Key', 'invalid', {
        errors: [{ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 128 visible ASCII characters'] }],
      });
    }
    const answer = await this.handler.execute(
      {
        channel: body.channel,
        channelReference: body.channelReference,
        appealType: body.appealType,
        categoryCode: body.categoryCode,
        urgency: body.urgency,
        description: body.description,
        location: { ...body.location },
        resident: { ...body.resident },
        receivedAt: body.receivedAt,
        attachments: body.attachments ?? [],
      },
      { caller, correlationId: correlationId || randomUUID(), idempotencyKey, callerGone: () => callerGone(res) },
    );
    res.status(answer.status);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }
}
