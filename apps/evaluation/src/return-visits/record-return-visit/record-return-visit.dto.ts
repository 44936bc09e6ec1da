import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsPastInstant } from '@county/service-kit';
import { SATISFACTIONS, type Satisfaction } from '@county/contracts';

export class RecordReturnVisitDto {
  @ApiProperty({ description: 'did the resident say the matter is resolved?' })
  @IsBoolean()
  readonly resolved!: boolean;

  @ApiProperty({ enum: SATISFACTIONS })
  @IsIn(SATISFACTIONS)
  readonly satisfaction!: Satisfaction;

  @ApiPropertyOptional({ maxLength: 1000, description: "the staff's note; kept in evaluation only, never in an event" })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  readonly comment?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-11T10:00:00+08:00', description: 'when the resident was reached (calls logged afterwards); defaults to now, never in the future' })
  @IsOptional()
  @IsPastInstant()
  readonly visitedAt?: string;
}
