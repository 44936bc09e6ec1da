import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsLatitude, IsLongitude, IsObject, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { IsInstant } from '@county/service-kit';

/** Fields of the spec's form-encoded POST requests (every value arrives as a string). */
export class Open311PostRequestDto {
  @ApiProperty({ description: "the integrating channel's API key (or the X-Api-Key header)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly api_key?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly jurisdiction_id?: string;

  @ApiProperty({ example: 'UM.ORDER.PARKING', description: 'a leaf category code of the catalogue' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly service_code!: string;

  @ApiPropertyOptional({ example: '36.8' })
  @IsOptional()
  @IsLatitude()
  readonly lat?: string;

  @ApiPropertyOptional({ example: '115.3' })
  @IsOptional()
  @IsLongitude()
  readonly long?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  readonly address_string?: string;

  @ApiPropertyOptional({ description: 'a grid code of the reference data' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly address_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(100)
  readonly email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly device_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly account_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  readonly first_name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  readonly last_name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 -]{5,19}$/, { message: 'phone must be 6 to 20 digits' })
  readonly phone?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  readonly description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  readonly media_url?: string;

  @ApiPropertyOptional({ description: 'attribute[appeal_type], attribute[urgency]: see the service definition' })
  @IsOptional()
  @IsObject()
  readonly attribute?: Record<string, unknown>;
}

export class Open311JurisdictionQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly jurisdiction_id?: string;

  @ApiPropertyOptional({ description: 'accepted and ignored on reads' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly api_key?: string;
}

export class Open311RequestsQuery extends Open311JurisdictionQuery {
  @ApiPropertyOptional({ description: 'comma-separated ids; overrides every other filter' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,999}$/, { message: 'service_request_id must be request ids, comma separated' })
  readonly service_request_id?: string;

  @ApiPropertyOptional({ description: 'comma-separated service codes' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}(,[A-Za-z0-9._-]{1,40}){0,99}$/, { message: 'service_code must be service codes, comma separated' })
  readonly service_code?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  readonly start_date?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-31T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  readonly end_date?: string;

  @ApiPropertyOptional({ example: 'open,closed' })
  @IsOptional()
  @IsString()
  @Matches(/^(open|closed)(,(open|closed))?$/, { message: 'status must be open, closed or open,closed' })
  readonly status?: string;
}
