// Generated from dispatch's OpenAPI document by apps/console/scripts/generate-api-types.ts. Do not edit.

export interface paths {
    "/api/v1/cases/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetCaseController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DispatchCaseController_dispatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/extension/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ExtensionsController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/extension/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ExtensionsController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/pause/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PausesController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/pause/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PausesController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PausesController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/review/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReviewController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/review/send-back": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReviewController_sendBack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/transfer/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TransfersController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/transfer/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TransfersController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/extension-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ExtensionsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pause-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PausesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/responsibility-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ResponsibilityListController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/responsibility-list/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ResponsibilityListController_changes"];
        put?: never;
        post: operations["ResponsibilityListController_propose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/responsibility-list/changes/{changeId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ResponsibilityListController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/responsibility-list/changes/{changeId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ResponsibilityListController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/responsibility-list/route": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ResponsibilityListController_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/responsibility-list/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ResponsibilityListController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReviewController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/transfer-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TransfersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/triage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TriageController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{unitCode}/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TransfersController_counted"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApproveChangeDto: {
            /**
             * @description from when the new version routes cases; now when absent, never in the past
             * @example 2026-04-01T00:00:00+08:00
             */
            effectiveFrom?: string;
        };
        ApproveExtensionDto: {
            /**
             * @description working days added to the handling deadline (at most 10 in all)
             * @example 5
             */
            extraWorkingDays: number;
            /** @example the parts for the pump come from the province */
            reason: string;
        };
        ApproveTransferDto: {
            /**
             * @example [
             *       "QH-CG"
             *     ]
             */
            cooperatingUnitCodes?: string[];
            /** @example the stall is on a county road, which the urban management squad keeps */
            reason: string;
            /**
             * @description the unit the case goes to now
             * @example QH-URBAN
             */
            toUnitCode: string;
        };
        AssignmentDto: {
            /** @example clear the parked cars from the fire lane */
            part?: string;
            /**
             * @description 主办 (exactly one) or 协办
             * @enum {string}
             */
            role: "lead" | "co-handler";
            /** @example QH-CG-01 */
            unitCode: string;
        };
        DispatchCaseDto: {
            /** @description joint dispatch: one lead and its co-handlers */
            assignments?: components["schemas"]["AssignmentDto"][];
            /**
             * @description corrects the case's category
             * @example UM.ORDER.PARKING
             */
            categoryCode?: string;
            /**
             * @description units that cooperate (配合) without a part of their own
             * @example [
             *       "QH-POLICE"
             *     ]
             */
            cooperatingUnitCodes?: string[];
            /**
             * @description a forced assignment (强制派单): the unit may not ask to return the case
             * @default false
             */
            final: boolean;
            /**
             * @description the lead unit, when there are no assignments
             * @example QH-CG
             */
            primaryUnitCode?: string;
            /** @example the address is in Chengguan street; parking order is the street office's */
            reason: string;
        };
        EmptyDto: Record<string, never>;
        ListItemDto: {
            /** @example UM.ORDER.VENDING */
            categoryCode: string;
            /** @description cooperating responsibility (配合责任) */
            cooperating: components["schemas"]["UnitRefDto"][];
            /** @example UM.ORDER.VENDING@QH-DC */
            id: string;
            note?: string;
            /** @description primary responsibility (主体责任) */
            primary: components["schemas"]["UnitRefDto"];
            scope: components["schemas"]["ScopeDto"];
        };
        ProposeChangeDto: {
            /**
             * @description chosen by the caller to make a retry safe; generated when absent
             * @example chg-2026-017
             */
            changeId?: string;
            /** @example Dongcheng street takes over street vending on its new night market */
            reason: string;
            /** @description ids of items removed */
            removals?: string[];
            /** @description items added or replaced (by id) */
            upserts: components["schemas"]["ListItemDto"][];
        };
        ReasonDto: {
            /** @example the matter is the township's by item UM.ORDER.PARKING@urban */
            reason: string;
        };
        RejectChangeDto: {
            /** @example the township has no staff for it yet */
            reason: string;
        };
        ScopeDto: {
            /** @enum {string} */
            kind: "county" | "urban" | "rural" | "township";
            /**
             * @description required when kind is 'township'
             * @example QH-CG
             */
            townshipCode?: string;
        };
        UnitRefDto: {
            /**
             * @description 'county' names a unit; the others mean the place's own township, community or grid
             * @enum {string}
             */
            level: "county" | "township" | "community" | "grid";
            /**
             * @description required when level is 'county'
             * @example QH-URBAN
             */
            unitCode?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    GetCaseController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the case's state at the centre, its version (also as ETag), every dispatch with its reason, and its last reopen (重办) if it was reopened */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description CASE.NOT_YOUR_CASE: a unit token for a case not dispatched to that unit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the centre has no such case (centre and admin tokens only) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DispatchCaseController_dispatch: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DispatchCaseDto"];
            };
        };
        responses: {
            /** @description dispatched (from triage) or re-dispatched (override) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the centre has no such case */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the case changed since the version in If-Match, or a request waits for a ruling first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description not exactly one lead, or an unknown unit */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ExtensionsController_approve: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveExtensionDto"];
            };
        };
        responses: {
            /** @description extension approved, with the new deadline */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no request waits, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description more working days than the case may still get */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ExtensionsController_reject: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description extension rejected: the deadline stands */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no request waits, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PausesController_approve: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmptyDto"];
            };
        };
        responses: {
            /** @description the clock is paused */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no request waits, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PausesController_reject: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description the clock keeps running */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no request waits, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PausesController_resume: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmptyDto"];
            };
        };
        responses: {
            /** @description the clock runs again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the clock is not paused, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReviewController_approve: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmptyDto"];
            };
        };
        responses: {
            /** @description result approved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no result waits, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReviewController_sendBack: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description result sent back to the unit for rework */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no result waits, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TransfersController_approve: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveTransferDto"];
            };
        };
        responses: {
            /** @description transfer approved; the case was re-dispatched (redispatch true) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no request waits, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TransfersController_reject: {
        parameters: {
            query?: never;
            header: {
                "if-match": string;
                /** @description the case version the dispatcher saw; a case that moved on since is a 409 */
                "If-Match"?: string;
                "x-correlation-id": string;
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description transfer rejected: the unit keeps the case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no request waits, or the case changed since If-Match */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ExtensionsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description only cases whose lead unit is this unit */
                unitCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description extension requests waiting for the centre, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PausesController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description only cases whose lead unit is this unit */
                unitCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description pause requests waiting for the centre, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResponsibilityListController_get: {
        parameters: {
            query?: {
                /** @description the version in effect at this instant */
                at?: string;
                /** @description a version number; the version in effect now when absent */
                version?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one version of the list: the one in effect now, at a given instant, or by number */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResponsibilityListController_changes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every proposed change and what became of it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResponsibilityListController_propose: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProposeChangeDto"];
            };
        };
        responses: {
            /** @description the change is proposed; it has no effect until the centre approves it */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description LIST.NOT_A_COUNTY_UNIT: the token's unit (the proposer) is not a county-level unit; AUTH.ROLE_NOT_ALLOWED: unit staff
             *
             *     AUTH.ROLE_NOT_ALLOWED: needs a token of role unit-leader or centre or admin; nothing was written
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the change id is taken, or the change clashes with the list */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an unknown category, unit or township */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResponsibilityListController_approve: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
            };
            path: {
                changeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveChangeDto"];
            };
        };
        responses: {
            /** @description the change is the next version, effective from the given time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description only the centre admits changes, and never its own
             *
             *     AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the change was decided already, or no longer applies to the list */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResponsibilityListController_reject: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
            };
            path: {
                changeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectChangeDto"];
            };
        };
        responses: {
            /** @description the change is rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResponsibilityListController_preview: {
        parameters: {
            query: {
                categoryCode: string;
                communityCode?: string;
                gridCode?: string;
                townshipCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description where the list in effect now would send a matter at a place, and why */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResponsibilityListController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every version with the change that made it and when it takes effect */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReviewController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description only cases whose lead unit is this unit */
                unitCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description results waiting for review, oldest first, with the result and its evidence */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TransfersController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description only cases whose lead unit is this unit */
                unitCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description transfer requests waiting for the centre, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TriageController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description only cases whose lead unit is this unit */
                unitCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description cases in triage, oldest first, each with the reason the list did not cover it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TransfersController_counted: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                unitCode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description transfers counted against a unit: asked, approved, rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.ROLE_NOT_ALLOWED: needs a token of role centre or admin; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description every dependency answers
             *
             *     The Health Check is successful
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example ok */
                        status?: string;
                    };
                };
            };
            /**
             * @description a dependency does not answer; the body names it
             *
             *     The Health Check is not successful
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example error */
                        status?: string;
                    };
                };
            };
        };
    };
}
