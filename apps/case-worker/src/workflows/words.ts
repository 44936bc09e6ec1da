/** Plain words for the Web UI: instants in the county's local time. Pure, safe in workflow code. */
export function formatLocal(iso: string, utcOffsetMinutes: number): string {
  const local = new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  const hours = utcOffsetMinutes / 60;
  return `${local} (UTC${hours >= 0 ? '+' : ''}${hours})`;
}
