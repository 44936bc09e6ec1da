import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPastInstant } from '@county/service-kit';

export class RecordFirstContactDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-02T10:05:00+08:00', description: 'when the resident was reached; now when absent' })
  @IsOptional()
  @IsPastInstant()
  readonly contactedAt?: string;
}
