import { ApiProperty } from '@nestjs/swagger';
import { LIST_RULES } from '../domain/fair-ranking';

/** Response schemas of GET /api/v1/rankings (OpenAPI only: the service returns plain objects of these shapes). */

export class PeriodSchema {
  @ApiProperty({ enum: ['day', 'month'] }) readonly kind!: string;
  @ApiProperty({ example: '2026-03' }) readonly key!: string;
  @ApiProperty({ example: '2026-03-01', description: 'first local day' }) readonly from!: string;
  @ApiProperty({ example: '2026-03-31', description: 'last local day' }) readonly to!: string;
}

export class WeightsSchema {
  @ApiProperty() readonly response!: number;
  @ApiProperty() readonly resolution!: number;
  @ApiProperty() readonly satisfaction!: number;
}

export class IntervalSchema {
  @ApiProperty({ description: 'lower bound' }) readonly low!: number;
  @ApiProperty({ description: 'upper bound' }) readonly high!: number;
}

export class RateDetailSchema {
  @ApiProperty({ description: 'O: hits of the unit' }) readonly observed!: number;
  @ApiProperty({ description: 'n: rows (cases) of the unit' }) readonly n!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'O / n (null without rows)' }) readonly raw!: number | null;
  @ApiProperty({ type: IntervalSchema, nullable: true, description: '95 % Wilson interval of the raw rate' }) readonly rawInterval!: IntervalSchema | null;
  @ApiProperty({ type: Number, nullable: true, description: 'E = sum over strata s of n_s x county rate of s' }) readonly expected!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'O / E (null when E = 0)' }) readonly ratio!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'min(1, O / E x county rate): the indirectly standardised rate' }) readonly adjusted!: number | null;
  @ApiProperty({ type: IntervalSchema, nullable: true, description: 'the raw interval times n x P / E, capped at 1' }) readonly adjustedInterval!: IntervalSchema | null;
}

export class FairRatesSchema {
  @ApiProperty({ type: RateDetailSchema }) readonly response!: RateDetailSchema;
  @ApiProperty({ type: RateDetailSchema }) readonly resolution!: RateDetailSchema;
  @ApiProperty({ type: RateDetailSchema }) readonly satisfaction!: RateDetailSchema;
}

export class FairFiguresSchema {
  @ApiProperty({ type: FairRatesSchema }) readonly rates!: FairRatesSchema;
  @ApiProperty({ type: Number, nullable: true, description: 'three-rate score of the raw rates (= score)' }) readonly score!: number | null;
  @ApiProperty({ type: IntervalSchema, nullable: true, description: 'three-rate score of the raw interval bounds' }) readonly scoreInterval!: IntervalSchema | null;
  @ApiProperty({ type: Number, nullable: true, description: 'three-rate score of the adjusted rates' }) readonly adjustedScore!: number | null;
  @ApiProperty({ type: IntervalSchema, nullable: true, description: 'three-rate score of the adjusted interval bounds' }) readonly adjustedScoreInterval!: IntervalSchema | null;
  @ApiProperty({ type: Number, nullable: true, description: 'competition rank by adjusted score' }) readonly adjustedRank!: number | null;
}

export class RankedUnitSchema {
  @ApiProperty({ example: 'QH-CG' }) readonly unitCode!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'competition rank by raw score (1, 2, 2, 4); null without a score' }) readonly rank!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'raw three-rate score, 0..100' }) readonly score!: number | null;
  @ApiProperty({ type: Number, nullable: true }) readonly responseRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) readonly resolutionRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) readonly satisfactionRate!: number | null;
  @ApiProperty({ description: 'cases dispatched to the unit as lead' }) readonly volume!: number;
  @ApiProperty({ type: FairFiguresSchema, description: 'the case-mix adjusted figures and intervals, beside the raw ones' }) readonly fair!: FairFiguresSchema;
}

export class ListEntrySchema {
  @ApiProperty() readonly unitCode!: string;
  @ApiProperty({ enum: ['red', 'black'] }) readonly list!: string;
  @ApiProperty({ example: 'adjusted score 50.0 (95 % interval 40.4-59.6, rank 5 of 6) lies wholly below the county median 77.0' }) readonly reason!: string;
}

export class RankingSchema {
  @ApiProperty({ type: [RankedUnitSchema], description: 'in raw order' }) readonly units!: RankedUnitSchema[];
  @ApiProperty({ type: [String], description: 'red list (红榜)' }) readonly redList!: string[];
  @ApiProperty({ type: [String], description: 'black list (黑榜)' }) readonly blackList!: string[];
  @ApiProperty({ type: Number, nullable: true, description: "median adjusted score of the ranked units (rule 'evidence')" }) readonly countyMedianScore!: number | null;
  @ApiProperty({ type: [ListEntrySchema], description: 'why each listed unit is on its list' }) readonly listed!: ListEntrySchema[];
  @ApiProperty({ type: [ListEntrySchema], description: 'units their rank alone would have listed, and why they are not listed' }) readonly notListed!: ListEntrySchema[];
}

export class MethodSchema {
  @ApiProperty() readonly adjustment!: string;
  @ApiProperty({ enum: ['wilson-95'] }) readonly interval!: string;
  @ApiProperty() readonly cap!: string;
}

export class RankingResponseSchema {
  @ApiProperty({ type: PeriodSchema }) readonly period!: PeriodSchema;
  @ApiProperty({ type: String, nullable: true }) readonly unitKind!: string | null;
  @ApiProperty({ type: WeightsSchema }) readonly weights!: WeightsSchema;
  @ApiProperty() readonly listSize!: number;
  @ApiProperty({ enum: LIST_RULES }) readonly listRule!: string;
  @ApiProperty({ type: MethodSchema }) readonly method!: MethodSchema;
  @ApiProperty({ type: RankingSchema }) readonly ranking!: RankingSchema;
}
