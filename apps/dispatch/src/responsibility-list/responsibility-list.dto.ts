import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsInstant } from '@county/service-kit';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export class ScopeDto {
  @ApiProperty({ enum: ['county', 'urban', 'rural', 'township'] })
  @IsIn(['county', 'urban', 'rural', 'township'])
  readonly kind!: 'county' | 'urban' | 'rural' | 'township';

  @ApiPropertyOptional({ example: 'QH-CG', description: "required when kind is 'township'" })
  @IsOptional()
  @Matches(CODE)
  readonly townshipCode?: string;
}

export class UnitRefDto {
  @ApiProperty({ enum: ['county', 'township', 'community', 'grid'], description: "'county' names a unit; the others mean the place's own township, community or grid" })
  @IsIn(['county', 'township', 'community', 'grid'])
  readonly level!: 'county' | 'township' | 'community' | 'grid';

  @ApiPropertyOptional({ example: 'QH-URBAN', description: "required when level is 'county'" })
  @IsOptional()
  @Matches(CODE)
  readonly unitCode?: string;
}

export class ListItemDto {
  @ApiProperty({ example: 'UM.ORDER.VENDING@QH-DC' })
  @IsString()
  @Length(1, 120)
  readonly id!: string;

  @ApiProperty({ example: 'UM.ORDER.VENDING' })
  @Matches(CODE)
  readonly categoryCode!: string;

  @ApiProperty({ type: ScopeDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScopeDto)
  readonly scope!: ScopeDto;

  @ApiProperty({ type: UnitRefDto, description: 'primary responsibility (主体责任)' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => UnitRefDto)
  readonly primary!: UnitRefDto;

  @ApiProperty({ type: [UnitRefDto], description: 'cooperating responsibility (配合责任)' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UnitRefDto)
  readonly cooperating!: UnitRefDto[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  readonly note?: string;
}

export class ProposeChangeDto {
  @ApiPropertyOptional({ description: 'chosen by the caller to make a retry safe; generated when absent', example: 'chg-2026-017' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
  readonly changeId?: string;

  @ApiProperty({ example: 'Dongcheng street takes over street vending on its new night market', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  readonly reason!: string;

  @ApiProperty({ type: [ListItemDto], description: 'items added or replaced (by id)' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ListItemDto)
  readonly upserts!: ListItemDto[];

  @ApiPropertyOptional({ type: [String], description: 'ids of items removed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  readonly removals?: string[];
}

/** The approver is the unit of the caller's token: only the centre admits changes (准入). */
export class ApproveChangeDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-04-01T00:00:00+08:00', description: 'from when the new version routes cases; now when absent, never in the past' })
  @IsOptional()
  @IsInstant()
  readonly effectiveFrom?: string;
}

/** The one who rejects is the unit of the caller's token. */
export class RejectChangeDto {
  @ApiProperty({ example: 'the township has no staff for it yet', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  readonly reason!: string;
}

export class ListQueryDto {
  @ApiPropertyOptional({ description: 'a version number; the version in effect now when absent', example: 1 })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,8}$/)
  readonly version?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'the version in effect at this instant', example: '2026-03-02T09:15:00+08:00' })
  @IsOptional()
  @IsInstant()
  readonly at?: string;
}

export class RoutePreviewDto {
  @ApiProperty({ example: 'UM.ORDER.PARKING' })
  @Matches(CODE)
  readonly categoryCode!: string;

  @ApiPropertyOptional({ example: 'QH-CG-01-01' })
  @IsOptional()
  @Matches(CODE)
  readonly gridCode?: string;

  @ApiPropertyOptional({ example: 'QH-CG-01' })
  @IsOptional()
  @Matches(CODE)
  readonly communityCode?: string;

  @ApiPropertyOptional({ example: 'QH-CG' })
  @IsOptional()
  @Matches(CODE)
  readonly townshipCode?: string;
}
