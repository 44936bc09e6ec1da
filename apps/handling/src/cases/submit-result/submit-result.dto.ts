import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUrl, Length } from 'class-validator';

export class SubmitResultDto {
  @ApiProperty({ example: '已协调城管清理占道车辆，设置隔离桩，居民表示认可', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  readonly result!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['https://files.example/evidence/1.jpg'], description: 'evidence photo URLs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  readonly evidenceUrls?: string[];
}
