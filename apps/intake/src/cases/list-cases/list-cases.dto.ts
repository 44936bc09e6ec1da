import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsInstant } from '@county/service-kit';
import { CHANNELS, type Channel } from '@county/contracts';
import type { PublicStatus } from '../case-queries';

export const PUBLIC_STATUSES: readonly PublicStatus[] = ['received', 'in-progress', 'closed', 'merged'];

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: PUBLIC_STATUSES })
  @IsOptional()
  @IsIn(PUBLIC_STATUSES)
  readonly status?: PublicStatus;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  readonly channel?: Channel;

  @ApiPropertyOptional({ example: 'UM.ORDER.PARKING' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly categoryCode?: string;

  @ApiPropertyOptional({ example: 'QH-CG' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly townshipCode?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'received at or after (ISO 8601)' })
  @IsOptional()
  @IsInstant()
  readonly receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'received at or before (ISO 8601)' })
  @IsOptional()
  @IsInstant()
  readonly receivedTo?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  readonly limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^c[0-9]{1,18}$/, { message: 'cursor must be a nextCursor returned by this API' })
  readonly cursor?: string;
}
