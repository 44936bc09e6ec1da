import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
  IsDefined,
  IsEmail,
} from 'class-validator';
import { IsPastInstant } from '@county/service-kit';
import { APPEAL_TYPES, CHANNELS, URGENCIES, type AppealType, type Channel, type Urgency } from '@county/contracts';

export class LocationDto {
  @ApiPropertyOptional({ example: '清河县城关街道人民路 12 号', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  readonly address?: string;

  @ApiPropertyOptional({ example: 'QH-CG-01-03', description: 'grid code from the reference data' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly gridCode?: string;

  @ApiPropertyOptional({ example: 36.8 })
  @IsOptional()
  @IsLatitude()
  readonly latitude?: number;

  @ApiPropertyOptional({ example: 115.3 })
  @IsOptional()
  @IsLongitude()
  readonly longitude?: number;
}

export class ResidentDto {
  @ApiPropertyOptional({ example: '张三', maxLength: 50 })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  readonly name?: string;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 -]{5,19}$/, { message: 'phone must be 6 to 20 digits' })
  readonly phone?: string;

  @ApiPropertyOptional({ example: 'zhang@example.cn', maxLength: 100 })
  @IsOptional()
  @IsEmail()
  @MaxLength(100)
  readonly email?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  readonly anonymous?: boolean;
}

export class ReceiveCaseDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  readonly channel!: Channel;

  @ApiProperty({ example: 'HL-20260302-000123', description: "the channel's own reference; unique per channel" })
  @IsString()
  @Length(1, 64)
  readonly channelReference!: string;

  @ApiProperty({ enum: APPEAL_TYPES })
  @IsIn(APPEAL_TYPES)
  readonly appealType!: AppealType;

  @ApiProperty({ example: 'UM.ORDER.PARKING', description: 'leaf (level-3) category code from the catalogue' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly categoryCode!: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  readonly urgency!: Urgency;

  @ApiProperty({ example: '小区门口有车辆长期占用消防通道', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  readonly description!: string;

  @ApiProperty({ type: LocationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocationDto)
  readonly location!: LocationDto;

  @ApiProperty({ type: ResidentDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ResidentDto)
  readonly resident!: ResidentDto;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:15:00+08:00', description: 'when the appeal was received by the channel' })
  @IsPastInstant()
  readonly receivedAt!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  @MaxLength(500, { each: true })
  readonly attachments?: string[];
}
