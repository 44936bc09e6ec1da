import { ApiProperty } from '@nestjs/swagger';

/** Where one called county department stands on a whistle. */
export class WhistleDepartmentResponse {
  @ApiProperty({ example: 'QH-URBAN' })
  readonly departmentCode!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'by when the department must answer (响应); null until the case workflow has announced it' })
  readonly answerDeadline!: string | null;

  @ApiProperty({ description: 'the answer deadline passed without an answer: the whistle went to the supervision office' })
  readonly answerOverdue!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly answeredAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'reported on site (报到)' })
  readonly reportedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'its share of the work done' })
  readonly finishedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'released by the caller' })
  readonly releasedAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5, description: "the caller's rating of the answer" })
  readonly rating!: number | null;

  @ApiProperty({ type: String, nullable: true })
  readonly comment!: string | null;
}

/** A whistle (吹哨) as GET /api/v1/whistles/{whistleId} answers it. */
export class WhistleResponse {
  @ApiProperty()
  readonly whistleId!: string;

  @ApiProperty({ format: 'uuid' })
  readonly caseId!: string;

  @ApiProperty({ example: 'QH-CG-01', description: 'the township or community that blew the whistle' })
  readonly callerUnitCode!: string;

  @ApiProperty()
  readonly reason!: string;

  @ApiProperty()
  readonly needs!: string;

  @ApiProperty({ enum: ['normal', 'urgent', 'emergency'] })
  readonly urgency!: string;

  @ApiProperty({ format: 'date-time' })
  readonly blownAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'by when every called department must answer (urgent 30 minutes, otherwise 2 working hours); null until the case workflow has announced it' })
  readonly answerDeadline!: string | null;

  @ApiProperty({ type: [WhistleDepartmentResponse] })
  readonly departments!: readonly WhistleDepartmentResponse[];
}
