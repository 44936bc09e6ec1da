import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class RequestExtensionDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  readonly extraWorkingDays!: number;

  @ApiProperty({ example: '需等待供电公司排期施工', maxLength: 1000 })
  @IsString()
  @Length(5, 1000)
  readonly reason!: string;
}
