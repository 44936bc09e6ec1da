import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class RecordFirstContactDto {
  @ApiPropertyOptional({ example: '2026-03-02T10:05:00+08:00', description: 'when the resident was reached; now when absent' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly contactedAt?: string;
}
