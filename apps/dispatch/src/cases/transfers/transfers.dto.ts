import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import { UNIT_CODE } from '../queue-query.dto';

/** Approve a unit's request to return a case: the centre re-dispatches it (the deadline does not restart). */
export class ApproveTransferDto {
  @ApiProperty({ example: 'QH-URBAN', description: 'the unit the case goes to now' })
  @Matches(UNIT_CODE)
  readonly toUnitCode!: string;

  @ApiPropertyOptional({ type: [String], example: ['QH-CG'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(UNIT_CODE, { each: true })
  readonly cooperatingUnitCodes?: string[];

  @ApiProperty({ example: 'the stall is on a county road, which the urban management squad keeps', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  readonly reason!: string;
}
