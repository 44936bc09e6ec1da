import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

export class RateAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  readonly rating!: number;

  @ApiProperty({ example: '响应迅速，30 分钟内到场处置', maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  readonly comment!: string;
}
