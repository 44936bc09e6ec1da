import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse, ApiResponse } from '@nestjs/swagger';
import { CHANGE_DECIDED, LIST_CHANGES, LIST_VERSION, LIST_VERSIONS, ROUTE_PREVIEW } from '../openapi.schemas';
import { randomUUID } from 'node:crypto';
import { Authenticated, CurrentPrincipal, type Principal } from '@county/auth';
import { ErrorCodes, DomainError, type ResponsibilityListItem, type ResponsibleUnitRef } from '@county/contracts';
import { placeOf, route, versionAt, versionNumbered, type ListVersion } from '@county/rules';
import { commandMetadata } from '../cases/request-context';
import { ApproveChangeDto, ListItemDto, ListQueryDto, ProposeChangeDto, RejectChangeDto, RoutePreviewDto, UnitRefDto } from './responsibility-list.dto';
import { ResponsibilityListStore } from './responsibility-list.store';

function toRef(dto: UnitRefDto): ResponsibleUnitRef {
  if (dto.level === 'county') {
    if (!dto.unitCode) throw new DomainError(ErrorCodes.LIST_INVALID_ITEM, "a 'county' reference names its unit (unitCode)", 'invalid');
    return { level: 'county', unitCode: dto.unitCode };
  }
  if (dto.unitCode !== undefined) throw new DomainError(ErrorCodes.LIST_INVALID_ITEM, `a '${dto.level}' reference means the place's own ${dto.level}: it names no unitCode`, 'invalid');
  return { level: dto.level };
}

function toItem(dto: ListItemDto): ResponsibilityListItem {
  const { kind, townshipCode } = dto.scope;
  if (kind === 'township' && !townshipCode) throw new DomainError(ErrorCodes.LIST_INVALID_ITEM, `item ${dto.id}: a township scope names its township`, 'invalid');
  return {
    id: dto.id,
    categoryCode: dto.categoryCode,
    scope: kind === 'township' ? { kind, townshipCode: townshipCode ?? '' } : { kind },
    primary: toRef(dto.primary),
    cooperating: dto.cooperating.map(toRef),
    ...(dto.note !== undefined && { note: dto.note }),
  };
}

function view(v: ListVersion) {
  return { version: v.version, effectiveFrom: v.effectiveFrom, changeId: v.changeId, itemCount: v.items.size, items: [...v.items.values()] };
}

/**
 * The responsibility list (属地管理事项清单): its versions, proposed changes and their admission (准入).
 * Reading the list needs no token. A change is proposed by a county-level unit's leader for its own
 * unit (the token's unit is the proposer) or by the centre; only the centre (or an admin) approves
 * or rejects.
 */
@ApiTags('responsibility-list')
@Controller('api/v1/responsibility-list')
export class ResponsibilityListController {
  constructor(private readonly list: ResponsibilityListStore) {}

  @Get()
  @ApiResponse({ status: 200, description: 'one version of the list: the one in effect now, at a given instant, or by number', schema: LIST_VERSION })
  @ApiNotFoundResponse({ description: 'no such version' })
  async get(@Query() query: ListQueryDto) {
    const { state } = await this.list.load();
    if (query.version !== undefined) {
      const v = versionNumbered(state, Number(query.version));
      if (!v) throw new DomainError(ErrorCodes.LIST_NO_SUCH_VERSION, `the list has no version ${query.version}`, 'not-found');
      return view(v);
    }
    return view(versionAt(state, query.at ? new Date(query.at).toISOString() : new Date().toISOString()));
  }

  @Get('versions')
  @ApiResponse({ status: 200, description: 'every version with the change that made it and when it takes effect', schema: LIST_VERSIONS })
  async versions() {
    const { state } = await this.list.load();
    return state.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, changeId: v.changeId, itemCount: v.items.size }));
  }

  @Get('changes')
  @ApiResponse({ status: 200, description: 'every proposed change and what became of it', schema: LIST_CHANGES })
  async changes() {
    const { state } = await this.list.load();
    return [...state.proposals.values()].map((p) => ({ status: p.status, ...p.change, ...(p.status === 'approved' && { version: p.version }), ...(p.status === 'rejected' && { rejectionReason: p.reason }) }));
  }

  @Get('route')
  @ApiResponse({ status: 200, description: 'where the list in effect now would send a matter at a place, and why', schema: ROUTE_PREVIEW })
  async preview(@Query() query: RoutePreviewDto) {
    const { state } = await this.list.load();
    const outcome = route(versionAt(state, new Date().toISOString()), query.categoryCode, placeOf(query));
    return outcome.kind === 'routed'
      ? { kind: 'routed', primaryUnitCode: outcome.primaryUnitCode, cooperatingUnitCodes: outcome.cooperatingUnitCodes, basis: outcome.basis }
      : outcome;
  }

  @Post('changes')
  @Authenticated('unit-leader', 'centre', 'admin')
  @HttpCode(201)
  @ApiResponse({ status: 201, description: 'the change is proposed; it has no effect until the centre approves it', schema: CHANGE_DECIDED })
  @ApiForbiddenResponse({ description: "LIST.NOT_A_COUNTY_UNIT: the token's unit (the proposer) is not a county-level unit; AUTH.ROLE_NOT_ALLOWED: unit staff" })
  @ApiConflictResponse({ description: 'the change id is taken, or the change clashes with the list' })
  @ApiUnprocessableEntityResponse({ description: 'an unknown category, unit or township' })
  async propose(@Body() body: ProposeChangeDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string) {
    const meta = commandMetadata(correlationId);
    const changeId = body.changeId ?? randomUUID();
    await this.list.execute(
      { type: 'ProposeChange', changeId, proposedBy: principal.unitCode, reason: body.reason, upserts: body.upserts.map(toItem), removals: body.removals ?? [], now: meta.now },
      meta,
    );
    return { changeId, status: 'proposed' };
  }

  @Post('changes/:changeId/approve')
  @Authenticated('centre', 'admin')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'the change is the next version, effective from the given time', schema: CHANGE_DECIDED })
  @ApiForbiddenResponse({ description: 'only the centre admits changes, and never its own' })
  @ApiConflictResponse({ description: 'the change was decided already, or no longer applies to the list' })
  async approve(@Param('changeId') changeId: string, @Body() body: ApproveChangeDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string) {
    const meta = commandMetadata(correlationId);
    const effectiveFrom = body.effectiveFrom ? new Date(body.effectiveFrom).toISOString() : meta.now;
    const { events } = await this.list.execute({ type: 'ApproveChange', changeId, approvedBy: principal.unitCode, effectiveFrom, now: meta.now }, meta);
    const approved = events[0].data as { version: number; effectiveFrom: string };
    return { changeId, status: 'approved', version: approved.version, effectiveFrom: approved.effectiveFrom };
  }

  @Post('changes/:changeId/reject')
  @Authenticated('centre', 'admin')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'the change is rejected', schema: CHANGE_DECIDED })
  async reject(@Param('changeId') changeId: string, @Body() body: RejectChangeDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string) {
    const meta = commandMetadata(correlationId);
    await this.list.execute({ type: 'RejectChange', changeId, rejectedBy: principal.unitCode, reason: body.reason, now: meta.now }, meta);
    return { changeId, status: 'rejected' };
  }
}
