import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';

/** Open311 GeoReport v2 answers in JSON and XML; the format is the path's suffix (.json or .xml). */
export type Open311Format = 'json' | 'xml';

export function formatOf(value: string | undefined): Open311Format | undefined {
  return value === 'json' || value === 'xml' ? value : undefined;
}

/** Splits `UM.ORDER.PARKING.json` into the id and the format (the last dot separates them). */
export function splitFormat(file: string): { id: string; format: Open311Format } | undefined {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const format = formatOf(file.slice(dot + 1));
  return format ? { id: file.slice(0, dot), format } : undefined;
}

/** The format a request asked for by its path; JSON when the path says neither. */
export function formatOfPath(path: string): Open311Format {
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false, format: false });

/** null and undefined become empty elements in XML (as the spec's examples show). */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, forXml(v)]));
  return value;
}

/**
 * Sends a list (JSON: an array; XML: <root><item/>...</root>) or a single object (JSON: the object;
 * XML: <root>...</root>).
 */
export function sendList(res: Response, format: Open311Format, status: number, root: string, item: string, items: readonly unknown[]): void {
  if (format === 'json') {
    res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(items));
    return;
  }
  res.status(status).type('text/xml; charset=utf-8').send(xmlDocument({ [root]: { [item]: items.map(forXml) } }));
}

export function sendObject(res: Response, format: Open311Format, status: number, root: string, value: Record<string, unknown>): void {
  if (format === 'json') {
    res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(value));
    return;
  }
  res.status(status).type('text/xml; charset=utf-8').send(xmlDocument({ [root]: forXml(value) }));
}

function xmlDocument(body: Record<string, unknown>): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, ...body }) as string;
}

export interface Open311Error {
  readonly code: number;
  readonly description: string;
}

export function sendErrors(res: Response, format: Open311Format, status: number, errors: readonly Open311Error[]): void {
  sendList(res, format, status, 'errors', 'error', errors);
}
