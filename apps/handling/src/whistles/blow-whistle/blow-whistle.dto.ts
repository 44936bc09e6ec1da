import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { URGENCIES, type Urgency } from '@county/contracts';

export class BlowWhistleDto {
  @ApiProperty({ type: [String], example: ['QH-URBAN', 'QH-MARKET'], description: 'codes of the county departments called', minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { each: true })
  readonly calledDepartmentCodes!: string[];

  @ApiProperty({ example: '商户长期占道经营，社区多次劝导无效', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  readonly reason!: string;

  @ApiProperty({ example: '需城管执法取缔、市场监管核查经营资质', maxLength: 1000, description: 'what the caller needs from the departments' })
  @IsString()
  @Length(1, 1000)
  readonly needs!: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  readonly urgency!: Urgency;
}
