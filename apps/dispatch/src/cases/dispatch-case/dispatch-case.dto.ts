import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { UNIT_CODE } from '../queue-query.dto';

export class AssignmentDto {
  @ApiProperty({ example: 'QH-CG-01' })
  @Matches(UNIT_CODE)
  readonly unitCode!: string;

  @ApiProperty({ enum: ['lead', 'co-handler'], description: '主办 (exactly one) or 协办' })
  @IsIn(['lead', 'co-handler'])
  readonly role!: 'lead' | 'co-handler';

  @ApiPropertyOptional({ example: 'clear the parked cars from the fire lane', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  readonly part?: string;
}

/**
 * A dispatcher's decision: dispatch a case from triage, or override an earlier dispatch. Name the
 * lead unit either as primaryUnitCode or, for a joint dispatch, in assignments (one lead and
 * co-handlers, each with its part).
 */
export class DispatchCaseDto {
  @ApiPropertyOptional({ example: 'QH-CG', description: 'the lead unit, when there are no assignments' })
  @IsOptional()
  @Matches(UNIT_CODE)
  readonly primaryUnitCode?: string;

  @ApiPropertyOptional({ type: [AssignmentDto], description: 'joint dispatch: one lead and its co-handlers' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AssignmentDto)
  readonly assignments?: AssignmentDto[];

  @ApiPropertyOptional({ type: [String], example: ['QH-POLICE'], description: 'units that cooperate (配合) without a part of their own' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(UNIT_CODE, { each: true })
  readonly cooperatingUnitCodes?: string[];

  @ApiProperty({ example: 'the address is in Chengguan street; parking order is the street office\'s', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  readonly reason!: string;

  @ApiPropertyOptional({ default: false, description: 'a forced assignment (强制派单): the unit may not ask to return the case' })
  @IsOptional()
  @IsBoolean()
  readonly final?: boolean;

  @ApiPropertyOptional({ example: 'UM.ORDER.PARKING', description: "corrects the case's category" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly categoryCode?: string;
}
