import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUrl, Length } from 'class-validator';

export class SubmitPartDto {
  @ApiProperty({ example: '已对占道经营商户下达整改通知书', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  readonly part!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  readonly evidenceUrls?: string[];
}
