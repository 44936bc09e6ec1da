import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RequestPauseDto {
  @ApiProperty({ example: '居民外出，约定下周返回后现场核实', maxLength: 1000, description: 'whom the unit waits on, and why' })
  @IsString()
  @Length(5, 1000)
  readonly reason!: string;
}
