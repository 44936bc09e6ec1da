import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** A progress note or a closure report on a proactive task: the text stays in handling. */
export class TaskNoteDto {
  @ApiProperty({ example: '已与夜市管理方约定，两处摊位迁入夜市', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  readonly text!: string;
}
