import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class ApproveExtensionDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 10, description: 'working days added to the handling deadline (at most 10 in all)' })
  @IsInt()
  @Min(1)
  @Max(10)
  readonly extraWorkingDays!: number;

  @ApiProperty({ example: 'the parts for the pump come from the province', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  readonly reason!: string;
}
