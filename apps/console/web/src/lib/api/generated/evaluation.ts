// Generated from evaluation's OpenAPI document by apps/console/scripts/generate-api-types.ts. Do not edit.

export interface paths {
    "/api/v1/hot-issues/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases by category and place in a month, against the month before (高频多发) */
        get: operations["ReportsController_hotMonthly"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hot-issues/rolling": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases by category and place in the last N days, against the N days before */
        get: operations["ReportsController_hotRolling"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotspots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hotspots detected in a month
         * @description A category in a grid or community is a hotspot when its count in the month is >= minCount and >= factor x the mean monthly count of the baselineMonths months before (EVALUATION_SPIKE_RULE, default 3,2,5); each carries its rule and the cases counted.
         */
        get: operations["ReportsController_hotspots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * KPIs of every unit for a day or a month
         * @description Figures: count = rows, rate = numerator / denominator, average = mean. Three-rate score (三率), 0..100 = 100 x (w_resp x response + w_res x resolution + w_sat x satisfaction) / (w_resp + w_res + w_sat), weights EVALUATION_THREE_RATE_WEIGHTS (default 30,35,35).
         *     response = cases signed for with neither the sign-for nor the first-contact clock overdue / cases whose response is decided (signed for, or either clock overdue), per lead unit, on the day of the dispatch to it;
         *     resolution = cases whose last return visit says resolved / cases whose resident was reached, for the unit whose result was approved, on the day of the visit;
         *     satisfaction = (satisfied + basically satisfied) / the same cases. Unreachable residents count in neither.
         *     A rate without cases is left out and the other weights rescaled; a unit without any rate has no score and is not ranked.
         */
        get: operations["ReportsController_kpis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kpis/{unitCode}/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The cases behind one figure of one unit (drill-down)
         * @description Each row is one case (and item: a whistle, a repeat appeal) counted in the figure; hit says whether it is in the numerator.
         */
        get: operations["ReportsController_drillDown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rankings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly ranking by three-rate score, with the red and black lists
         * @description Three-rate score (三率), 0..100 = 100 x (w_resp x response + w_res x resolution + w_sat x satisfaction) / (w_resp + w_res + w_sat), weights EVALUATION_THREE_RATE_WEIGHTS (default 30,35,35).
         *     response = cases signed for with neither the sign-for nor the first-contact clock overdue / cases whose response is decided (signed for, or either clock overdue), per lead unit, on the day of the dispatch to it;
         *     resolution = cases whose last return visit says resolved / cases whose resident was reached, for the unit whose result was approved, on the day of the visit;
         *     satisfaction = (satisfied + basically satisfied) / the same cases. Unreachable residents count in neither.
         *     A rate without cases is left out and the other weights rescaled; a unit without any rate has no score and is not ranked.
         *     Ranks: higher score first, ties share a rank (1, 2, 2, 4). Red list: the first EVALUATION_LIST_SIZE (default 3); black list: the last as many ranked units not on the red list.
         */
        get: operations["ReportsController_rankings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/return-visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The callback queue: cases whose result was approved and that wait for a return visit, oldest approval first */
        get: operations["CallbackQueueController_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/return-visits/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the return visit of a case whose result was approved
         * @description Resolved and satisfied or basically satisfied: the case is closed (resolved). Unresolved or dissatisfied: the first time the case is reopened for the same unit (a redo), the second time it is closed as unresolved. A closed case emits case.facts.v1.
         */
        post: operations["RecordReturnVisitController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/return-visits/{caseId}/failed-attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a call back that did not get through
         * @description The attempt that reaches EVALUATION_MAX_VISIT_ATTEMPTS (default 3) in a round makes the visit unreachable and closes the case (outcome unreachable).
         */
        post: operations["RecordFailedAttemptController_record"];
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
        RecordFailedAttemptDto: {
            /**
             * @description when the call was made (calls logged afterwards); defaults to now, never in the future
             * @example 2026-03-11T10:00:00+08:00
             */
            attemptedAt?: string;
            /** @description the staff's note; kept in evaluation only, never in an event */
            comment?: string;
            /** @enum {string} */
            reason: "no-answer" | "busy" | "wrong-number" | "other";
        };
        RecordReturnVisitDto: {
            /** @description the staff's note; kept in evaluation only, never in an event */
            comment?: string;
            /** @description did the resident say the matter is resolved? */
            resolved: boolean;
            /** @enum {string} */
            satisfaction: "satisfied" | "basically-satisfied" | "dissatisfied";
            /**
             * @description when the resident was reached (calls logged afterwards); defaults to now, never in the future
             * @example 2026-03-11T10:00:00+08:00
             */
            visitedAt?: string;
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
    ReportsController_hotMonthly: {
        parameters: {
            query: {
                /** @description csv for a CSV download (same as Accept: text/csv) */
                format?: "json" | "csv";
                month: string;
                placeKind?: "grid" | "community" | "township";
            };
            header?: never;
            path?: never;
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
    ReportsController_hotRolling: {
        parameters: {
            query: {
                days?: number;
                /** @description last local day of the window */
                endDay: string;
                /** @description csv for a CSV download (same as Accept: text/csv) */
                format?: "json" | "csv";
                placeKind?: "grid" | "community" | "township";
            };
            header?: never;
            path?: never;
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
    ReportsController_hotspots: {
        parameters: {
            query: {
                /** @description csv for a CSV download (same as Accept: text/csv) */
                format?: "json" | "csv";
                month: string;
            };
            header?: never;
            path?: never;
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
    ReportsController_kpis: {
        parameters: {
            query: {
                /** @description YYYY-MM for a month, YYYY-MM-DD for a day (county time) */
                date: string;
                /** @description csv for a CSV download (same as Accept: text/csv) */
                format?: "json" | "csv";
                period: "day" | "month";
                /** @description only units of this kind (reference data) */
                unitKind?: "centre" | "supervision" | "department" | "township" | "community" | "grid" | "unknown";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one entry per unit with every figure and its three-rate score */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReportsController_drillDown: {
        parameters: {
            query: {
                date: string;
                /** @description csv for a CSV download (same as Accept: text/csv) */
                format?: "json" | "csv";
                metric: "volume" | "sign-for-on-time" | "response" | "resolution" | "satisfaction" | "on-time-completion" | "overdue" | "transfers-asked" | "redo" | "repeat-appeals" | "whistle-answer-on-time" | "township-rating";
                period: "day" | "month";
            };
            header?: never;
            path: {
                unitCode: string;
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
    ReportsController_rankings: {
        parameters: {
            query: {
                /** @description csv for a CSV download (same as Accept: text/csv) */
                format?: "json" | "csv";
                /** @description the month ranked, YYYY-MM */
                month: string;
                /** @description rank only units of this kind (townships with townships, departments with departments) */
                unitKind?: "centre" | "supervision" | "department" | "township" | "community" | "grid" | "unknown";
            };
            header?: never;
            path?: never;
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
    CallbackQueueController_queue: {
        parameters: {
            query?: never;
            header: {
                /** @description callback staff's shared secret (EVALUATION_CALLBACK_TOKEN) */
                "X-Callback-Token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description queued cases */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description missing or wrong X-Callback-Token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RecordReturnVisitController_record: {
        parameters: {
            query?: never;
            header: {
                /** @description callback staff's shared secret (EVALUATION_CALLBACK_TOKEN) */
                "X-Callback-Token": string;
                "x-correlation-id": string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordReturnVisitDto"];
            };
        };
        responses: {
            /** @description the events appended and where the case stands */
            200: {
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
            /** @description missing or wrong X-Callback-Token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description evaluation knows no such case */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description CASE.NOT_DUE_FOR_RETURN_VISIT or CASE.ALREADY_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RecordFailedAttemptController_record: {
        parameters: {
            query?: never;
            header: {
                /** @description callback staff's shared secret (EVALUATION_CALLBACK_TOKEN) */
                "X-Callback-Token": string;
                "x-correlation-id": string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordFailedAttemptDto"];
            };
        };
        responses: {
            /** @description the events appended and where the case stands */
            200: {
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
            /** @description missing or wrong X-Callback-Token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description evaluation knows no such case */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description CASE.NOT_DUE_FOR_RETURN_VISIT or CASE.ALREADY_CLOSED */
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
