import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ErrorCodes, APPEAL_TYPES, DomainError, URGENCIES, type AppealType, type Urgency } from '@county/contracts';
import { categoryByCode, leafCategories, leafCategory, unitByCode, type LeafCategory } from '@county/reference';
import { CallerKey, Open311KeyGuard } from '../auth/api-key.guard';
import type { ApiKey } from '../auth/api-keys';
import { CaseQueries, publicStatus, type PublicStatus } from '../cases/case-queries';
import { ReceiveCaseHandler, callerGone, hashOf } from '../cases/receive-case/receive-case.handler';
import type { CaseViewRow } from '../storage/case-view';
import { INTAKE_SETTINGS, type IntakeSettings } from '../settings';
import { Open311JurisdictionQuery, Open311PostRequestDto, Open311RequestsQuery } from './open311.dto';
import { Open311ErrorFilter } from './open311.filter';
import { DISCOVERY_CONTENT, FORMAT_PARAM, POSTED_CONTENT, REQUESTS_CONTENT, SERVICES_CONTENT, SERVICE_DEFINITION_CONTENT, TOKEN_CONTENT, fileParam } from './open311.schemas';
import { formatOf, sendList, sendObject, splitFormat, type Open311Format } from './open311.format';

const DAY_MS = 86_400_000;
const MAX_RECORDS = 1000;

const APPEAL_TYPE_NAMES: Record<AppealType, string> = {
  complaint: '投诉 complaint',
  'request-for-help': '求助 request for help',
  report: '举报 report',
  consultation: '咨询 consultation',
  suggestion: '建议 suggestion',
};
const URGENCY_NAMES: Record<Urgency, string> = { normal: '一般 normal', urgent: '紧急 urgent', emergency: '特急 emergency' };

function notFound(what: string): DomainError {
  return new DomainError(ErrorCodes.OPEN311_NOT_FOUND, what, 'not-found');
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCodes.VALIDATION_FAILED, `invalid request: ${field}`, 'invalid', { errors: [{ field, messages: [message] }] });
}

function serviceOf(c: LeafCategory) {
  const group = c.parentCode ? categoryByCode(c.parentCode.split('.')[0]) : undefined;
  return {
    service_code: c.code,
    service_name: c.name.zh,
    description: c.name.en,
    metadata: true,
    type: 'realtime',
    keywords: [c.name.en.toLowerCase(), c.code].join(','),
    group: group ? group.name.zh : '',
  };
}

function requestOf(row: CaseViewRow) {
  const status: PublicStatus = publicStatus(row);
  const category = leafCategory(row.category_code);
  const unit = row.responsible_unit ? unitByCode(row.responsible_unit) : undefined;
  const notes =
    status === 'merged' ? `merged into request ${row.merged_into}` : status === 'in-progress' ? '处理中 in progress' : status === 'received' ? '已受理 received' : '已办结 closed';
  return {
    service_request_id: row.case_id,
    status: status === 'closed' || status === 'merged' ? 'closed' : 'open',
    status_notes: notes,
    service_name: category?.name.zh ?? row.category_code,
    service_code: row.category_code,
    description: row.description,
    agency_responsible: row.responsible_unit ? (unit?.name.zh ?? row.responsible_unit) : null,
    service_notice: row.repeat_count > 0 ? `repeat appeals: ${row.repeat_count}` : null,
    requested_datetime: row.received_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
    expected_datetime: row.deadline ? row.deadline.toISOString() : null,
    address: row.address,
    address_id: row.location_resolved ? row.grid_code : null,
    zipcode: null,
    lat: row.latitude,
    long: row.longitude,
    media_url: row.attachments[0] ?? null,
  };
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2: discovery,
 * services, service definitions, requests (GET and form-encoded POST with api_key and
 * attribute[...]) and tokens, each in .json and .xml. Service codes are the catalogue's leaf
 * category codes; a request id is a case id; the token is the reference the request is filed under.
 */
@ApiTags('open311')
@Controller('open311/v2')
@UseFilters(Open311ErrorFilter)
export class Open311Controller {
  constructor(
    private readonly cases: CaseQueries,
    private readonly receive: ReceiveCaseHandler,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  private checkJurisdiction(jurisdictionId: string | undefined): void {
    if (jurisdictionId !== undefined && jurisdictionId !== this.settings.jurisdictionId) throw notFound(`jurisdiction_id ${jurisdictionId} not found`);
  }

  private format(value: string): Open311Format {
    const format = formatOf(value);
    if (!format) throw notFound('format must be json or xml');
    return format;
  }

  @Get('discovery.:format')
  @ApiOperation({ summary: 'service discovery' })
  @ApiParam(FORMAT_PARAM)
  @ApiResponse({ status: 200, description: 'the discovery document', content: DISCOVERY_CONTENT })
  discovery(@Param('format') f: string, @Req() req: Request, @Res() res: Response): void {
    const format = this.format(f);
    const url = `${req.protocol}://${req.get('host') ?? '127.0.0.1'}/open311/v2`;
    sendObject(res, format, 200, 'discovery', {
      changeset: '2026-03-01T00:00:00Z',
      contact: '12345 command centre of the county',
      key_service: 'API keys are issued per integrating channel by the 12345 centre',
      endpoints: {
        endpoint: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url,
            changeset: '2026-03-01T00:00:00Z',
            type: 'production',
            formats: { format: ['text/xml', 'application/json'] },
          },
        ],
      },
    });
  }

  @Get('services.:format')
  @ApiOperation({ summary: 'GET services: the leaf categories of the catalogue' })
  @ApiParam(FORMAT_PARAM)
  @ApiResponse({ status: 200, description: 'the services', content: SERVICES_CONTENT })
  @ApiResponse({ status: 404, description: 'an unknown format or jurisdiction_id' })
  services(@Param('format') f: string, @Query() query: Open311JurisdictionQuery, @Res() res: Response): void {
    const format = this.format(f);
    this.checkJurisdiction(query.jurisdiction_id);
    sendList(res, format, 200, 'services', 'service', leafCategories().map(serviceOf));
  }

  @Get('services/:file')
  @ApiOperation({ summary: 'GET service definition: the attributes a request of this service may carry' })
  @ApiParam(fileParam('the service_code'))
  @ApiResponse({ status: 200, description: 'the service definition (JSON: plain lists; XML: wrapped)', content: SERVICE_DEFINITION_CONTENT })
  serviceDefinition(@Param('file') file: string, @Query() query: Open311JurisdictionQuery, @Res() res: Response): void {
    const parsed = splitFormat(file);
    if (!parsed) throw notFound('format must be json or xml');
    this.checkJurisdiction(query.jurisdiction_id);
    const category = leafCategory(parsed.id);
    if (!category) throw notFound(`service_code ${parsed.id} not found`);
    const attributes = [
      {
        variable: true,
        code: 'appeal_type',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'the kind of appeal; complaint when not given',
        order: 1,
        description: '诉求类型 appeal type',
        values: APPEAL_TYPES.map((key) => ({ key, name: APPEAL_TYPE_NAMES[key] })),
      },
      {
        variable: true,
        code: 'urgency',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'normal when not given',
        order: 2,
        description: '紧急程度 urgency',
        values: URGENCIES.map((key) => ({ key, name: URGENCY_NAMES[key] })),
      },
    ];
    // the spec's JSON holds plain lists; its XML wraps each list in an element per item
    sendObject(res, parsed.format, 200, 'service_definition', {
      service_code: category.code,
      attributes:
        parsed.format === 'json' ? attributes : { attribute: attributes.map((a) => ({ ...a, values: { value: a.values } })) },
    });
  }

  @Post('requests.:format')
  @UseGuards(Open311KeyGuard)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ summary: 'POST service request (form-encoded, with api_key); answers the service_request_id (never a token: the id is known at once)' })
  @ApiParam(FORMAT_PARAM)
  @ApiResponse({ status: 200, description: 'the request was filed (or recorded as a repeat appeal on the open request it repeats)', content: POSTED_CONTENT })
  @ApiResponse({ status: 403, description: 'no api_key, an unknown or revoked one, or a key of another channel' })
  @ApiResponse({ status: 409, description: 'the Idempotency-Key was used with a different body' })
  @ApiResponse({ status: 429, description: "over the key's rate limit; see Retry-After" })
  async create(
    @Param('format') f: string,
    @Body() body: Open311PostRequestDto,
    @CallerKey() caller: ApiKey,
    @Res() res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<void> {
    const format = this.format(f);
    this.checkJurisdiction(body.jurisdiction_id);
    const attributes = body.attribute ?? {};
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'appeal_type') {
        if (typeof value !== 'string' || !(APPEAL_TYPES as readonly string[]).includes(value)) throw invalid('attribute[appeal_type]', `must be one of ${APPEAL_TYPES.join(', ')}`);
      } else if (key === 'urgency') {
        if (typeof value !== 'string' || !(URGENCIES as readonly string[]).includes(value)) throw invalid('attribute[urgency]', `must be one of ${URGENCIES.join(', ')}`);
      } else {
        throw invalid(`attribute[${key}]`, 'is not an attribute of this service');
      }
    }
    if (body.lat === undefined !== (body.long === undefined)) throw invalid(body.lat === undefined ? 'lat' : 'long', 'lat and long come together');
    if (body.lat === undefined && body.address_string === undefined && body.address_id === undefined) {
      throw invalid('lat', 'a location is required: lat and long, address_string or address_id');
    }
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,128}$/.test(idempotencyKey)) throw invalid('Idempotency-Key', 'must be 1 to 128 visible ASCII characters');
    const category = leafCategory(body.service_code);
    const name = [body.last_name, body.first_name].filter((x) => x !== undefined).join('') || undefined;
    const token = `o311-${randomUUID()}`;
    const answer = await this.receive.execute(
      {
        channel: caller.channel ?? 'walk-in',
        channelReference: token,
        appealType: (attributes.appeal_type as AppealType | undefined) ?? 'complaint',
        categoryCode: body.service_code,
        urgency: (attributes.urgency as Urgency | undefined) ?? 'normal',
        description: body.description ?? category?.name.zh ?? body.service_code,
        location: {
          ...(body.address_string !== undefined && { address: body.address_string }),
          ...(body.address_id !== undefined && { gridCode: body.address_id }),
          ...(body.lat !== undefined && { latitude: Number(body.lat), longitude: Number(body.long) }),
        },
        resident: { ...(name !== undefined && { name }), ...(body.phone !== undefined && { phone: body.phone }), ...(body.email !== undefined && { email: body.email }) },
        receivedAt: new Date().toISOString(),
        attachments: body.media_url ? [body.media_url] : [],
      },
      { caller, correlationId: correlationId || randomUUID(), idempotencyKey, fieldNames: { categoryCode: 'service_code', phone: 'phone' }, requestHash: hashOf({ open311: { ...body } }), callerGone: () => callerGone(res) },
    );
    const notice =
      answer.body.outcome === 'repeat-appeal' ? `recorded as a repeat appeal on the open request ${answer.body.caseId}` : '已受理 received; the 12345 centre will dispatch it';
    // the case id is known at once, so the answer carries it and no token (the spec gives one or the other)
    sendList(res, format, 200, 'service_requests', 'request', [{ service_request_id: answer.body.caseId, service_notice: notice, account_id: body.account_id ?? null }]);
  }

  @Get('requests.:format')
  @ApiOperation({ summary: 'GET service requests: by ids, or filtered (most recent 90 days and at most 1,000 records by default)' })
  @ApiParam(FORMAT_PARAM)
  @ApiResponse({ status: 200, description: 'the requests', content: REQUESTS_CONTENT })
  async list(@Param('format') f: string, @Query() query: Open311RequestsQuery, @Res() res: Response): Promise<void> {
    const format = this.format(f);
    this.checkJurisdiction(query.jurisdiction_id);
    let rows: CaseViewRow[];
    if (query.service_request_id) {
      rows = (await this.cases.list({ caseIds: query.service_request_id.split(',') }, MAX_RECORDS)).rows;
    } else {
      const end = query.end_date ? new Date(query.end_date) : query.start_date ? new Date(new Date(query.start_date).getTime() + 90 * DAY_MS) : new Date();
      const start = query.start_date ? new Date(query.start_date) : new Date(end.getTime() - 90 * DAY_MS);
      if (end.getTime() < start.getTime()) throw invalid('end_date', 'end_date must not be before start_date');
      if (end.getTime() - start.getTime() > 90 * DAY_MS) throw invalid('end_date', 'start_date and end_date may not span more than 90 days');
      const statuses = query.status ? query.status.split(',') : [];
      rows = (
        await this.cases.list(
          {
            receivedFrom: start.toISOString(),
            receivedTo: end.toISOString(),
            ...(query.service_code && { categoryCodes: query.service_code.split(',') }),
            ...(statuses.length === 1 && { statuses: statuses[0] === 'open' ? ['received', 'in-progress'] : ['closed', 'merged'] }),
          },
          MAX_RECORDS,
        )
      ).rows;
    }
    sendList(res, format, 200, 'service_requests', 'request', rows.map(requestOf));
  }

  @Get('requests/:file')
  @ApiOperation({ summary: 'GET service request' })
  @ApiParam(fileParam('the service_request_id'))
  @ApiResponse({ status: 200, description: 'the request (a list of one, as the spec has it)', content: REQUESTS_CONTENT })
  async one(@Param('file') file: string, @Query() query: Open311JurisdictionQuery, @Res() res: Response): Promise<void> {
    const parsed = splitFormat(file);
    if (!parsed) throw notFound('format must be json or xml');
    this.checkJurisdiction(query.jurisdiction_id);
    const row = /^[0-9a-fA-F-]{36}$/.test(parsed.id) ? await this.cases.row(parsed.id) : undefined;
    if (!row) throw notFound(`service_request_id ${parsed.id} not found`);
    sendList(res, parsed.format, 200, 'service_requests', 'request', [requestOf(row)]);
  }

  @Get('tokens/:file')
  @ApiOperation({ summary: 'GET service_request_id from a token' })
  @ApiParam(fileParam('the token'))
  @ApiResponse({ status: 200, description: 'the request the token led to', content: TOKEN_CONTENT })
  async token(@Param('file') file: string, @Query() query: Open311JurisdictionQuery, @Res() res: Response): Promise<void> {
    const parsed = splitFormat(file);
    if (!parsed) throw notFound('format must be json or xml');
    this.checkJurisdiction(query.jurisdiction_id);
    const caseId = await this.cases.caseOfToken(parsed.id);
    if (!caseId) throw notFound(`token ${parsed.id} not found`);
    sendList(res, parsed.format, 200, 'service_requests', 'request', [{ service_request_id: caseId, token: parsed.id }]);
  }
}
