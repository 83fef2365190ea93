/**
 * The header clock, formatted as the config's `dateTemplate` asks
 * (cisco-reference.md §2.1): D, M and Y/YY in the template's order with its
 * delimiter ('/', '-' or '.'); Y = two-digit year, YY = four digits; a
 * trailing A selects the 12-hour clock.
 */

/** Windows-style zone names a call manager writes, as standard-time UTC offsets in minutes. */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  'Greenwich Standard Time': 0,
  'GMT Standard/Daylight Time': 0,
  'Central Europe Standard/Daylight Time': 60,
  'W. Europe Standard/Daylight Time': 60,
  'Romance Standard/Daylight Time': 60,
  'E. Europe Standard/Daylight Time': 120,
  'Russian Standard/Daylight Time': 180,
  'India Standard Time': 330,
  'China Standard/Daylight Time': 480,
  'Singapore Standard Time': 480,
  'Tokyo Standard Time': 540,
  'AUS Eastern Standard/Daylight Time': 600,
  'New Zealand Standard/Daylight Time': 720,
  'Eastern Standard/Daylight Time': -300,
  'Central Standard/Daylight Time': -360,
  'Mountain Standard/Daylight Time': -420,
  'Pacific Standard/Daylight Time': -480,
};

export function zoneOffsetMinutes(timeZone: string): number {
  return ZONE_OFFSETS[timeZone] ?? 0;
}

export function formatHeaderClock(epochMs: number, dateTemplate: string, timeZone: string): string {
  const local = new Date(epochMs + zoneOffsetMinutes(timeZone) * 60_000);
  const template = dateTemplate.trim() || 'M/D/Y';
  const twelveHour = template.endsWith('A');
  const pattern = twelveHour ? template.slice(0, -1) : template;
  const delimiter = /[-.]/.exec(pattern)?.[0] ?? '/';
  const pad = (value: number): string => String(value).padStart(2, '0');
  const date = pattern
    .split(/[/.-]/)
    .map((part) => {
      if (part === 'D') return pad(local.getUTCDate());
      if (part === 'M') return pad(local.getUTCMonth() + 1);
      if (part === 'YY') return String(local.getUTCFullYear());
      return pad(local.getUTCFullYear() % 100);
    })
    .join(delimiter);
  const hours = local.getUTCHours();
  const minutes = pad(local.getUTCMinutes());
  const time = twelveHour
    ? `${((hours + 11) % 12) + 1}:${minutes}${hours < 12 ? 'a' : 'p'}`
    : `${pad(hours)}:${minutes}`;
  return `${time} ${date}`;
}

/** HH:MM:SS for status messages. */
export function formatTimeOfDay(epochMs: number, timeZone = ''): string {
  const local = new Date(epochMs + zoneOffsetMinutes(timeZone) * 60_000);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
}
