import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsPastInstant } from '@county/service-kit';

export const FAILED_ATTEMPT_REASONS = ['no-answer', 'busy', 'wrong-number', 'other'] as const;

export class RecordFailedAttemptDto {
  @ApiProperty({ enum: FAILED_ATTEMPT_REASONS })
  @IsIn(FAILED_ATTEMPT_REASONS)
  readonly reason!: (typeof FAILED_ATTEMPT_REASONS)[number];

  @ApiPropertyOptional({ maxLength: 1000, description: "the staff's note; kept in evaluation only, never in an event" })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  readonly comment?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-11T10:00:00+08:00', description: 'when the call was made (calls logged afterwards); defaults to now, never in the future' })
  @IsOptional()
  @IsPastInstant()
  readonly attemptedAt?: string;
}
