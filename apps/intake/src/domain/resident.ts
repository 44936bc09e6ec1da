/** Pseudonymous resident id and masked phone: what leaves intake instead of a person's data. */

/** Keeps the first 3 and last 4 digits of the normalised number: 13812345678 and +86 138-1234-5678 -> 138****5678. */
export function maskPhone(phone: string): string {
  const digits = normalisePhone(phone);
  if (digits.length <= 7) return '*'.repeat(Math.max(1, digits.length));
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Digits only, without a leading +86/0086 country code, so that one person's phone hashes the same. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
}
