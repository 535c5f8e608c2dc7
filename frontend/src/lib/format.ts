// Times as the UI shows them: in the computer's local time zone, in the
// numeric form Chinese business documents use (2026-03-15 14:05).

function toDate(v: string | number | Date | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null
  const d = v instanceof Date ? v : new Date(v)
  // Go's zero time (0001-01-01) means "not set".
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900) return null
  return d
}

const pad = (n: number) => String(n).padStart(2, '0')

/** formatDate returns YYYY-MM-DD in local time, or "" when v holds no time. */
export function formatDate(v: string | number | Date | null | undefined): string {
  const d = toDate(v)
  if (!d) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** formatDateTime returns YYYY-MM-DD HH:mm in local time, or "" when v holds no time. */
export function formatDateTime(v: string | number | Date | null | undefined): string {
  const d = toDate(v)
  if (!d) return ''
  return `${formatDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** isISOTime reports whether s looks like a time as Go encodes it in JSON. */
export function isISOTime(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)
}
