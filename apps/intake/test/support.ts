import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

/** Test helpers of intake's integration tests (real engines; see test/support/system.ts). */

/** A JSON answer read loosely by assertions (the assertions check its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const KEYS = {
  hotline: 'dev-hotline-key',
  app: 'dev-app-key',
  gridWorker: 'dev-grid-worker-key',
  centre: 'dev-centre-key',
} as const;

export function appeal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'hotline',
    channelReference: `HL-${randomUUID()}`,
    appealType: 'complaint',
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'normal',
    description: '小区门口有车辆长期占用消防通道',
    location: { address: '白塔村2组' },
    resident: { name: '张三', phone: '13812345678' },
    receivedAt: '2026-03-02T09:15:00+08:00',
    ...overrides,
  };
}

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(options.key !== undefined && { 'x-api-key': options.key }), ...options.headers };
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // XML or empty
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** Every row intake writes, counted: a refused request must leave all of them unchanged. */
export async function writtenRows(pool: Pool): Promise<Record<string, number>> {
  const tables = ['events', 'outbox', 'resident_contacts', 'channel_references', 'idempotency_keys', 'case_view', 'case_timeline'];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const exists = await pool.query(`SELECT to_regclass('intake.${t}') AS r`);
    if (!exists.rows[0].r) continue;
    out[t] = (await pool.query(`SELECT count(*)::int AS n FROM intake.${t}`)).rows[0].n;
  }
  return out;
}
