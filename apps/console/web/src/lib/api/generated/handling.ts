// Generated from handling's OpenAPI document by apps/console/scripts/generate-api-types.ts. Do not edit.

export interface paths {
    "/api/v1/cases/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case as the unit sees it: status, deadlines, its whistles */
        get: operations["GetCaseController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/extension-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the centre for more working days (延期); the lead unit's leader asks */
        post: operations["ExtensionRequestController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/first-contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the first contact with the resident */
        post: operations["FirstContactController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/part": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A co-handling unit submits its part of the case */
        post: operations["SubmitPartController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/pause-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the centre to pause the clock while waiting on the resident or a third party */
        post: operations["PauseRequestController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/progress-notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a progress note to a case */
        post: operations["ProgressNoteController_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the result (办结) with evidence; the lead unit submits, once every called department finished or was released (CASE.WHISTLE_OUTSTANDING) */
        post: operations["SubmitResultController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/resume-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the centre to run the paused clock again */
        post: operations["ResumeRequestController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/sign-for": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign for a case dispatched to your unit (签收) */
        post: operations["SignForController_signFor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/transfer-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the centre to take the case back (退单), with the reason; the unit leader asks */
        post: operations["TransferRequestController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/whistles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Blow the whistle (吹哨): a township or community that handles the case calls county departments */
        post: operations["BlowWhistleController_blow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dev/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a signed, expiring token for a seeded user */
        post: operations["DevTokensController_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dev/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The seeded users (a few per unit of the demo county); filter by unit code */
        get: operations["DevTokensController_users"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A unit's inbox: its cases by box (new, signed, due soon, overdue, sent back, ...) or the whistles it must answer; newest first, cursor paging */
        get: operations["InboxController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/whistles/{whistleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A whistle and where each called department stands (the caller, the called departments, the centre) */
        get: operations["GetWhistleController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/whistles/{whistleId}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A called department answers the whistle (响应) */
        post: operations["DepartmentActionsController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/whistles/{whistleId}/departments/{departmentCode}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rate a department's answer, 1 to 5 with a comment (once per department) */
        post: operations["CallerActionsController_rate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/whistles/{whistleId}/departments/{departmentCode}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release a called department before it finished its part (the case may then be submitted without it) */
        post: operations["CallerActionsController_release"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/whistles/{whistleId}/finish-part": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A called department finished its part of the work (事不完、人不撤) */
        post: operations["DepartmentActionsController_finish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/whistles/{whistleId}/report-on-site": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A called department reports on site (报到); the time is recorded */
        post: operations["DepartmentActionsController_report"];
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
        BlowWhistleDto: {
            /**
             * @description codes of the county departments called
             * @example [
             *       "QH-URBAN",
             *       "QH-MARKET"
             *     ]
             */
            calledDepartmentCodes: string[];
            /**
             * @description what the caller needs from the departments
             * @example 需城管执法取缔、市场监管核查经营资质
             */
            needs: string;
            /** @example 商户长期占道经营，社区多次劝导无效 */
            reason: string;
            /** @enum {string} */
            urgency: "normal" | "urgent" | "emergency";
        };
        IssueTokenDto: {
            /**
             * @description a seeded user: <unit code lowercased>.<post>, see GET /api/v1/dev/users
             * @example qh-cg-01.staff-1
             */
            userId: string;
        };
        NoteProgressDto: {
            /** @example 已联系物业，约定明日上午现场查看 */
            note: string;
        };
        RateAnswerDto: {
            /** @example 响应迅速，30 分钟内到场处置 */
            comment: string;
            /** @example 5 */
            rating: number;
        };
        RecordFirstContactDto: {
            /**
             * @description when the resident was reached; now when absent
             * @example 2026-03-02T10:05:00+08:00
             */
            contactedAt?: string;
        };
        RequestExtensionDto: {
            /** @example 5 */
            extraWorkingDays: number;
            /** @example 需等待供电公司排期施工 */
            reason: string;
        };
        RequestPauseDto: {
            /**
             * @description whom the unit waits on, and why
             * @example 居民外出，约定下周返回后现场核实
             */
            reason: string;
        };
        RequestTransferDto: {
            /**
             * @description why the case is not the unit's (退单理由)
             * @example 该事项属县市场监管局职责，不属本社区
             */
            reason: string;
        };
        SubmitPartDto: {
            evidenceUrls?: string[];
            /** @example 已对占道经营商户下达整改通知书 */
            part: string;
        };
        SubmitResultDto: {
            /**
             * @description evidence photo URLs
             * @example [
             *       "https://files.example/evidence/1.jpg"
             *     ]
             */
            evidenceUrls?: string[];
            /** @example 已协调城管清理占道车辆，设置隔离桩，居民表示认可 */
            result: string;
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
            query?: {
                /** @description for the centre and admins: which unit's view */
                unitCode?: string;
            };
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the case at the unit */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description CASE.NOT_YOUR_CASE: the case was never assigned to the unit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ExtensionRequestController_request: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestExtensionDto"];
            };
        };
        responses: {
            /** @description extension requested; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FirstContactController_record: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordFirstContactDto"];
            };
        };
        responses: {
            /** @description first contact recorded; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SubmitPartController_submit: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitPartDto"];
            };
        };
        responses: {
            /** @description part submitted; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PauseRequestController_request: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestPauseDto"];
            };
        };
        responses: {
            /** @description pause requested; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProgressNoteController_note: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteProgressDto"];
            };
        };
        responses: {
            /** @description progress noted; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SubmitResultController_submit: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitResultDto"];
            };
        };
        responses: {
            /** @description result submitted; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResumeRequestController_request: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description resume requested; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SignForController_signFor: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed for; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TransferRequestController_request: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestTransferDto"];
            };
        };
        responses: {
            /** @description transfer requested; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE (not a case of the token's unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BlowWhistleController_blow: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BlowWhistleDto"];
            };
        };
        responses: {
            /** @description whistle blown; the body names the events written */
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
            /** @description CASE.NOT_YOUR_CASE, WHISTLE.CALLER_NOT_GRASSROOTS, AUTH.ROLE_NOT_ALLOWED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. WHISTLE.NOT_ANSWERED, WHISTLE.ALREADY_ANSWERED, WHISTLE.NOT_REPORTED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_A_DEPARTMENT */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DevTokensController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueTokenDto"];
            };
        };
        responses: {
            /** @description { token, expiresAt, user }; send it as Authorization: Bearer <token> */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTH.USER_NOT_FOUND, DEV.DISABLED */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DevTokensController_users: {
        parameters: {
            query?: {
                unitCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    InboxController_list: {
        parameters: {
            query?: {
                /** @description new: not signed for; reopened: reopened after an unresolved or dissatisfied return visit (重办), to be signed for again; signed: signed, being handled; due-soon: a running deadline was warned about or is near; overdue: a running deadline passed; sent-back: the centre sent the result back for rework; submitted: waiting for review; resolved: result approved; whistles: whistles called to this unit that it has not finished */
                box?: "open" | "new" | "reopened" | "signed" | "due-soon" | "overdue" | "sent-back" | "submitted" | "resolved" | "whistles";
                categoryCode?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                role?: "lead" | "co-handler";
                /** @description the centre and admins read a unit's inbox by its code; units read only their own */
                unitCode?: string;
                urgency?: "normal" | "urgent" | "emergency";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description { items, nextCursor }: case rows show the deadlines that apply to the unit; whistle rows (box=whistles) what the caller needs */
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
            /** @description AUTH.NOT_YOUR_UNIT: a unit asked for another unit's inbox */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GetWhistleController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                whistleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the whistle */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_YOURS: neither the caller nor a called department */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DepartmentActionsController_answer: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                whistleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description answered; the body names the events written */
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
            /** @description WHISTLE.NOT_CALLED (the token's unit was not called by this whistle), AUTH.ROLE_NOT_ALLOWED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. WHISTLE.NOT_ANSWERED, WHISTLE.ALREADY_ANSWERED, WHISTLE.NOT_REPORTED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CallerActionsController_rate: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                departmentCode: string;
                whistleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RateAnswerDto"];
            };
        };
        responses: {
            /** @description rated; the body names the events written */
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
            /** @description WHISTLE.NOT_CALLER (only the unit that blew the whistle), WHISTLE.NOT_CALLED, AUTH.ROLE_NOT_ALLOWED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. WHISTLE.NOT_ANSWERED, WHISTLE.ALREADY_ANSWERED, WHISTLE.NOT_REPORTED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CallerActionsController_release: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                departmentCode: string;
                whistleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description released; the body names the events written */
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
            /** @description WHISTLE.NOT_CALLER (only the unit that blew the whistle), WHISTLE.NOT_CALLED, AUTH.ROLE_NOT_ALLOWED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. WHISTLE.NOT_ANSWERED, WHISTLE.ALREADY_ANSWERED, WHISTLE.NOT_REPORTED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DepartmentActionsController_finish: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                whistleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description part finished; the body names the events written */
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
            /** @description WHISTLE.NOT_CALLED (the token's unit was not called by this whistle), AUTH.ROLE_NOT_ALLOWED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. WHISTLE.NOT_ANSWERED, WHISTLE.ALREADY_ANSWERED, WHISTLE.NOT_REPORTED; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DepartmentActionsController_report: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
                /** @description carried into the events of this command */
                "X-Correlation-Id"?: string;
            };
            path: {
                whistleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description reported on site; the body names the events written */
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
            /** @description WHISTLE.NOT_CALLED (the token's unit was not called by this whistle), AUTH.ROLE_NOT_ALLOWED; nothing was written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description WHISTLE.NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an illegal move, e.g. WHISTLE.NOT_ANSWERED, WHISTLE.ALREADY_ANSWERED, WHISTLE.NOT_REPORTED; nothing was written */
            409: {
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
