import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** A ruling that must say why. */
export class ReasonDto {
  @ApiProperty({ example: 'the matter is the township\'s by item UM.ORDER.PARKING@urban', minLength: 1, maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  readonly reason!: string;
}

/** A ruling with nothing to add (the body may be empty). */
export class EmptyDto {}
