// Generated from intake's OpenAPI document by apps/console/scripts/generate-api-types.ts. Do not edit.

export interface paths {
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListCasesController_list"];
        put?: never;
        post: operations["ReceiveCaseController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
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
    "/api/v1/cases/{caseId}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MergeCaseController_merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseId}/merge/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MergeCaseController_undo"];
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
    "/open311/v2/discovery.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** service discovery */
        get: operations["Open311Controller_discovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET service requests: by ids, or filtered (most recent 90 days and at most 1,000 records by default) */
        get: operations["Open311Controller_list"];
        put?: never;
        /** POST service request (form-encoded, with api_key); answers the request id and its token */
        post: operations["Open311Controller_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET service request */
        get: operations["Open311Controller_one"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET services: the leaf categories of the catalogue */
        get: operations["Open311Controller_services"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET service definition: the attributes a request of this service may carry */
        get: operations["Open311Controller_serviceDefinition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/tokens/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET service_request_id from a token */
        get: operations["Open311Controller_token"];
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
        LocationDto: {
            /** @example 清河县城关街道人民路 12 号 */
            address?: string;
            /**
             * @description grid code from the reference data
             * @example QH-CG-01-03
             */
            gridCode?: string;
            /** @example 36.8 */
            latitude?: number;
            /** @example 115.3 */
            longitude?: number;
        };
        MergeCaseDto: {
            /** @description the case this one is merged into (it stays and is handled) */
            intoCaseId: string;
            /** @example 同一事项重复受理 */
            reason: string;
        };
        Open311PostRequestDto: {
            account_id?: string;
            /** @description a grid code of the reference data */
            address_id?: string;
            address_string?: string;
            /** @description the integrating channel's API key (or the X-Api-Key header) */
            api_key: string;
            /** @description attribute[appeal_type], attribute[urgency]: see the service definition */
            attribute?: Record<string, never>;
            description?: string;
            device_id?: string;
            email?: string;
            first_name?: string;
            jurisdiction_id?: string;
            last_name?: string;
            /** @example 36.8 */
            lat?: string;
            /** @example 115.3 */
            long?: string;
            media_url?: string;
            phone?: string;
            /**
             * @description a leaf category code of the catalogue
             * @example UM.ORDER.PARKING
             */
            service_code: string;
        };
        ReceiveCaseDto: {
            /** @enum {string} */
            appealType: "complaint" | "request-for-help" | "report" | "consultation" | "suggestion";
            attachments?: string[];
            /**
             * @description leaf (level-3) category code from the catalogue
             * @example UM.ORDER.PARKING
             */
            categoryCode: string;
            /** @enum {string} */
            channel: "hotline" | "grid-worker" | "app" | "mini-program" | "wechat-robot" | "walk-in" | "complaint-box";
            /**
             * @description the channel's own reference; unique per channel
             * @example HL-20260302-000123
             */
            channelReference: string;
            /** @example 小区门口有车辆长期占用消防通道 */
            description: string;
            location: components["schemas"]["LocationDto"];
            /**
             * @description when the appeal was received by the channel
             * @example 2026-03-02T09:15:00+08:00
             */
            receivedAt: string;
            resident: components["schemas"]["ResidentDto"];
            /** @enum {string} */
            urgency: "normal" | "urgent" | "emergency";
        };
        ResidentDto: {
            /** @default false */
            anonymous: boolean;
            /** @example zhang@example.cn */
            email?: string;
            /** @example 张三 */
            name?: string;
            /** @example 13812345678 */
            phone?: string;
        };
        UndoMergeDto: {
            /** @example 误合并，实为不同事项 */
            reason: string;
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
    ListCasesController_list: {
        parameters: {
            query?: {
                categoryCode?: string;
                channel?: "hotline" | "grid-worker" | "app" | "mini-program" | "wechat-robot" | "walk-in" | "complaint-box";
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                /** @description received at or after (ISO 8601) */
                receivedFrom?: string;
                /** @description received at or before (ISO 8601) */
                receivedTo?: string;
                status?: "received" | "in-progress" | "closed" | "merged";
                townshipCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description cases, newest first; pass nextCursor as cursor for the next page (absent on the last page) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReceiveCaseController_receive: {
        parameters: {
            query?: never;
            header: {
                "idempotency-key": string;
                /** @description the same key with the same body answers the first answer again; with another body 409 */
                "Idempotency-Key"?: string;
                /** @description the integrating channel's API key */
                "X-Api-Key": string;
                "x-correlation-id": string;
                /** @description carried into every event and log line of this case */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiveCaseDto"];
            };
        };
        responses: {
            /** @description a repeat appeal was recorded on the open case it repeats (caseId names that case), or the first answer is repeated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the appeal became a case */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the body names each bad field; nothing was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown or revoked key, or a key of another channel */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the Idempotency-Key or the channel reference was used with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description over the key's rate limit; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
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
            /** @description the case as the resident may see it: status, responsible unit, handling deadline and the timeline of public steps */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown or revoked key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such case */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MergeCaseController_merge: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeCaseDto"];
            };
        };
        responses: {
            /** @description the case is merged into intoCaseId (case.merged.v1) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description not a centre key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description either case does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description already merged, or the target is itself merged */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MergeCaseController_undo: {
        parameters: {
            query?: never;
            header: {
                "x-correlation-id": string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UndoMergeDto"];
            };
        };
        responses: {
            /** @description the merge is undone (case.merge-undone.v1) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the case is not merged */
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
    Open311Controller_discovery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Open311Controller_list: {
        parameters: {
            query?: {
                /** @description accepted and ignored on reads */
                api_key?: string;
                end_date?: string;
                jurisdiction_id?: string;
                /** @description comma-separated service codes */
                service_code?: string;
                /** @description comma-separated ids; overrides every other filter */
                service_request_id?: string;
                start_date?: string;
                status?: string;
            };
            header?: never;
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Open311Controller_create: {
        parameters: {
            query?: never;
            header: {
                "idempotency-key": string;
                "x-correlation-id": string;
            };
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["Open311PostRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Open311Controller_one: {
        parameters: {
            query?: {
                /** @description accepted and ignored on reads */
                api_key?: string;
                jurisdiction_id?: string;
            };
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Open311Controller_services: {
        parameters: {
            query?: {
                /** @description accepted and ignored on reads */
                api_key?: string;
                jurisdiction_id?: string;
            };
            header?: never;
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Open311Controller_serviceDefinition: {
        parameters: {
            query?: {
                /** @description accepted and ignored on reads */
                api_key?: string;
                jurisdiction_id?: string;
            };
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Open311Controller_token: {
        parameters: {
            query?: {
                /** @description accepted and ignored on reads */
                api_key?: string;
                jurisdiction_id?: string;
            };
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
