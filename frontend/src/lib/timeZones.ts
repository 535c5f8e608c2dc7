// The company's time zone: the working calendar, report periods and the
// dates on documents are of this zone, whatever zone the computer is in.

/** commonTimeZones are the zones the settings offer, the default first. */
export const commonTimeZones = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Bangkok',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/London',
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Australia/Sydney',
] as const

/** zoneKey is a zone's key among the locale's zone names (no slash). */
export function zoneKey(zone: string): string {
  return zone.replace(/\//g, '_')
}

/**
 * timeZoneOptions lists the common zones for a select, named by name (the
 * locale's name, or undefined for none), with the current zone added when
 * it is not among them so that the select shows it.
 */
export function timeZoneOptions(
  current: string | undefined,
  name: (zone: string) => string | undefined,
): { value: string; label: string }[] {
  const zones: string[] = [...commonTimeZones]
  if (current && !zones.includes(current)) zones.push(current)
  return zones.map((z) => {
    const n = name(z)
    return { value: z, label: n ? `${n} · ${z}` : z }
  })
}
