import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RequestTransferDto {
  @ApiProperty({ example: '该事项属县市场监管局职责，不属本社区', maxLength: 1000, description: 'why the case is not the unit\'s (退单理由)' })
  @IsString()
  @Length(5, 1000)
  readonly reason!: string;
}
