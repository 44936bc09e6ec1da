import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class MergeCaseDto {
  @ApiProperty({ description: 'the case this one is merged into (it stays and is handled)' })
  @IsUUID()
  readonly intoCaseId!: string;

  @ApiProperty({ example: '同一事项重复受理', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  readonly reason!: string;
}

export class UndoMergeDto {
  @ApiProperty({ example: '误合并，实为不同事项', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  readonly reason!: string;
}
