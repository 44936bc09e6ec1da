/** The resident's phone in one spelling (E.164), a pseudonymous id and a masked phone: what leaves intake instead of a person's data. */

/** The county's country calling code: numbers written without one are mainland China's. */
export const COUNTRY_CODE = '86';

/**
 * One phone, one spelling: E.164 (`+8613812345678`), however it was typed (`138 1234 5678`,
 * `138-1234-5678`, `+86 138 1234 5678`, `0086 13812345678`, `(0318) 1234567`). A number without
 * a country code is a mainland mobile (1 and 10 digits) or a landline with its trunk 0 and area
 * code; anything else (too short, letters, a local number without its area code) is undefined.
 */
export function toE164(phone: string): string | undefined {
  const typed = phone.trim();
  if (!/^\+?[0-9 ().-]+$/.test(typed)) return undefined;
  const digits = typed.replace(/\D/g, '');
  let international: string;
  if (typed.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (/^1[3-9]\d{9}$/.test(digits)) international = COUNTRY_CODE + digits;
  else if (/^0[1-9]\d{8,10}$/.test(digits)) international = COUNTRY_CODE + digits.slice(1);
  else if (new RegExp(`^${COUNTRY_CODE}1[3-9]\\d{9}$`).test(digits)) international = digits;
  else return undefined;
  // +86 0318 ...: the trunk 0 is not dialled after the country code
  if (international.startsWith(`${COUNTRY_CODE}0`)) international = COUNTRY_CODE + international.slice(COUNTRY_CODE.length + 1);
  if (!/^[1-9]\d{7,14}$/.test(international)) return undefined;
  if (international.startsWith(COUNTRY_CODE) && !/^(1[3-9]\d{9}|[2-9]\d{8,10})$/.test(international.slice(COUNTRY_CODE.length))) return undefined;
  return `+${international}`;
}

/** The number as dialled inside the country (mainland numbers), or all its digits (others). */
export function normalisePhone(phone: string): string {
  const e164 = toE164(phone);
  if (!e164) return phone.replace(/\D/g, '');
  return e164.startsWith(`+${COUNTRY_CODE}`) ? e164.slice(COUNTRY_CODE.length + 1) : e164.slice(1);
}

/** Keeps the first 3 and last 4 digits of the national number: 13812345678 and +86 138-1234-5678 -> 138****5678. */
export function maskPhone(phone: string): string {
  const digits = normalisePhone(phone);
  if (digits.length <= 7) return '*'.repeat(Math.max(1, digits.length));
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/**
 * What identifies a resident across appeals, before it is hashed: the phone in E.164, else the
 * e-mail in lower case, else the name as given.
 */
export function residentIdentity(resident: { readonly phone?: string; readonly email?: string; readonly name?: string }): string {
  if (typeof resident.phone === 'string') return `tel:${toE164(resident.phone) ?? resident.phone.replace(/\D/g, '')}`;
  if (typeof resident.email === 'string') return `mailto:${resident.email.trim().toLowerCase()}`;
  return `name:${resident.name ?? ''}`;
}
