import addressesJson from '../data/v1/addresses.json';
import { deepFreeze } from './deep-freeze';
import { county, townships } from './territory';

/**
 * The address table: known street addresses, residential compounds and villagers'
 * groups, each in one grid. An address string is matched
 * 1. exactly, after normalisation, or else
 * 2. by the longest known address that the string starts with, so that
 *    "人民路1号3单元501室" finds the entry "人民路1号".
 */

export interface AddressEntry {
  readonly address: string;
  readonly gridCode: string;
}

export interface AddressMatch {
  readonly gridCode: string;
  /** The table entry that matched, as written in the table. */
  readonly address: string;
  readonly match: 'exact' | 'prefix';
}

interface AddressesFile {
  readonly version: number;
  readonly addresses: readonly AddressEntry[];
}

const table = deepFreeze(addressesJson as AddressesFile);

export const ADDRESSES_DATA_VERSION = table.version;

export function addressEntries(): readonly AddressEntry[] {
  return table.addresses;
}

/** Names that may open an address and say nothing about its grid. */
const countyNames = [county().name.zh];
const townshipNames = townships().map((t) => t.name.zh);

/**
 * The form in which addresses are compared: full-width letters and digits made
 * half-width (NFKC), white space, punctuation and symbols removed, and a leading county
 * name and then a leading township name dropped. "清河县 城关街道人民路１号" becomes "人民路1号".
 */
export function normaliseAddress(raw: string): string {
  const compact = raw.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '');
  return dropLeadingName(dropLeadingName(compact, countyNames), townshipNames);
}

function dropLeadingName(address: string, names: readonly string[]): string {
  const name = names.find((n) => address.startsWith(n) && address.length > n.length);
  return name ? address.slice(name.length) : address;
}

const byNormalised = new Map(table.addresses.map((e) => [normaliseAddress(e.address), e]));
const longestFirst = [...byNormalised.entries()].sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1));

/** The grid of an address, or undefined when no known address matches. */
export function matchAddress(raw: string): AddressMatch | undefined {
  const address = normaliseAddress(raw);
  if (address === '') return undefined;
  const exact = byNormalised.get(address);
  if (exact) return { gridCode: exact.gridCode, address: exact.address, match: 'exact' };
  const prefix = longestFirst.find(([known]) => address.startsWith(known));
  return prefix ? { gridCode: prefix[1].gridCode, address: prefix[1].address, match: 'prefix' } : undefined;
}
