import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class IssueTokenDto {
  @ApiProperty({ example: 'qh-cg-01.staff-1', description: 'a seeded user: <unit code lowercased>.<post>, see GET /api/v1/dev/users' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,80}$/)
  readonly userId!: string;
}
