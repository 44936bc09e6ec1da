import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class NoteProgressDto {
  @ApiProperty({ example: '已联系物业，约定明日上午现场查看', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  readonly note!: string;
}
