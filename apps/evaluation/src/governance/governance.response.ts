import { ApiProperty } from '@nestjs/swagger';

/** Response schemas of the proactive-task and monthly-topic endpoints (OpenAPI only). */

export class ProactiveTaskSchema {
  @ApiProperty() readonly taskId!: string;
  @ApiProperty() readonly hotspotId!: string;
  @ApiProperty() readonly categoryCode!: string;
  @ApiProperty({ enum: ['grid', 'community'] }) readonly placeKind!: string;
  @ApiProperty() readonly placeCode!: string;
  @ApiProperty({ type: String, nullable: true }) readonly townshipCode!: string | null;
  @ApiProperty({ example: '2026-03' }) readonly period!: string;
  @ApiProperty({ description: 'the unit the responsibility list names' }) readonly unitCode!: string;
  @ApiProperty({ type: [String] }) readonly cooperatingUnitCodes!: string[];
  @ApiProperty() readonly listItemId!: string;
  @ApiProperty() readonly listVersion!: number;
  @ApiProperty({ type: [String], description: 'the cases behind the hotspot' }) readonly linkedCaseIds!: string[];
  @ApiProperty({ format: 'date-time', description: "the task's own clock: the category's handling limit from opening" }) readonly deadline!: string;
  @ApiProperty() readonly openedBy!: string;
  @ApiProperty({ format: 'date-time' }) readonly openedAt!: string;
}

export class TaskViewSchema {
  @ApiProperty({ type: ProactiveTaskSchema }) readonly task!: ProactiveTaskSchema;
  @ApiProperty({ enum: ['open', 'signed', 'closed'], description: "open: not signed for yet; signed: the unit works on it (handling); closed: its closure report is in" }) readonly status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readonly signedAt!: string | null;
  @ApiProperty({ description: 'progress notes so far (their texts are in handling)' }) readonly progressNotes!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readonly lastProgressAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readonly closedAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'closed after the deadline; null while open' }) readonly late!: boolean | null;
  @ApiProperty({ type: String, nullable: true, enum: ['yellow', 'orange'], description: "the clock's last warning while open (case-worker): yellow at 50 %, orange at 75 % of the time" }) readonly warningLevel!: string | null;
  @ApiProperty({ description: "the task's workflow found it open at its deadline (proactive-task.overdue.v1), or it was closed late" }) readonly overdue!: boolean;
}

export class TaskListSchema {
  @ApiProperty({ type: [TaskViewSchema] }) readonly tasks!: TaskViewSchema[];
}

export class MonthlyTopicSchema {
  @ApiProperty({ example: '2026-03-UM.ORDER.OUTDOOR-BBQ-QH-CG' }) readonly topicId!: string;
  @ApiProperty() readonly month!: string;
  @ApiProperty() readonly categoryCode!: string;
  @ApiProperty({ enum: ['county', 'township', 'community', 'grid'] }) readonly placeKind!: string;
  @ApiProperty({ type: String, nullable: true }) readonly placeCode!: string | null;
  @ApiProperty() readonly chosenBy!: string;
  @ApiProperty({ format: 'date-time' }) readonly chosenAt!: string;
}

export class TopicViewSchema {
  @ApiProperty({ type: MonthlyTopicSchema }) readonly topic!: MonthlyTopicSchema;
  @ApiProperty() readonly title!: string;
}

export class TopicListSchema {
  @ApiProperty({ type: [TopicViewSchema] }) readonly topics!: TopicViewSchema[];
}

export class MonthFiguresSchema {
  @ApiProperty() readonly month!: string;
  @ApiProperty({ description: 'months from the topic month (-3 .. 3)' }) readonly offset!: number;
  @ApiProperty({ description: 'cases received of the category in the place' }) readonly volume!: number;
  @ApiProperty({ description: 'repeat appeals recorded in the month on those cases' }) readonly repeatAppeals!: number;
  @ApiProperty({ description: 'residents reached on a return visit in the month' }) readonly reached!: number;
  @ApiProperty() readonly satisfied!: number;
  @ApiProperty({ type: Number, nullable: true }) readonly satisfactionRate!: number | null;
}

export class TrendSideSchema {
  @ApiProperty({ type: Number, nullable: true, description: 'mean monthly volume' }) readonly volume!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'mean monthly repeat appeals' }) readonly repeatAppeals!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'satisfied / reached over the months' }) readonly satisfactionRate!: number | null;
}

export class TrendSchema extends TopicViewSchema {
  @ApiProperty({ type: [MonthFiguresSchema] }) readonly months!: MonthFiguresSchema[];
  @ApiProperty({ type: TrendSideSchema, description: 'the months before the topic month' }) readonly before!: TrendSideSchema;
  @ApiProperty({ type: TrendSideSchema, description: 'the months after the topic month' }) readonly after!: TrendSideSchema;
  @ApiProperty({ type: TrendSideSchema, description: 'volume and repeat appeals: (after - before) / before; satisfaction: after - before' }) readonly change!: TrendSideSchema;
}
