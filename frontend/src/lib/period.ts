// Periods as the reports API names them — a month "2026-10", a quarter
// "2026Q3", or days "2026-10-01~2026-10-15" (both included) — and the
// calendar days they cover, which a drill-down to the list needs.
import type { Translator } from './translate'

export type PeriodKind = 'month' | 'quarter' | 'range'
export const periodKinds: readonly PeriodKind[] = ['month', 'quarter', 'range']

const pad = (n: number) => String(n).padStart(2, '0')

/** dayOf formats a date as a local YYYY-MM-DD day. */
export function dayOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** monthKey is the month of d ("2026-10"). */
export function monthKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`
}

/** quarterKey is the quarter of d ("2026Q4"). */
export function quarterKey(d: Date): string {
  return `${d.getFullYear()}Q${Math.floor(d.getMonth() / 3) + 1}`
}

/** rangeKey names the days from..to, both included. */
export function rangeKey(from: string, to: string): string {
  return `${from}~${to}`
}

const monthRE = /^(\d{4})-(\d{2})$/
const quarterRE = /^(\d{4})Q([1-4])$/
const dayRE = /^(\d{4})-(\d{2})-(\d{2})$/

function validDay(s: string): Date | null {
  const m = dayRE.exec(s)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const out = new Date(y, mo - 1, d)
  return out.getFullYear() === y && out.getMonth() === mo - 1 && out.getDate() === d ? out : null
}

/** ParsedPeriod is a period key read back: its kind and first and last day (local dates). */
export interface ParsedPeriod {
  kind: PeriodKind
  key: string
  first: Date
  last: Date
}

/** parsePeriod reads a period key; null when it is not one (the years the backend accepts: 2000–2100). */
export function parsePeriod(key: string): ParsedPeriod | null {
  const s = key.trim()
  let m = monthRE.exec(s)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    if (mo < 1 || mo > 12 || y < 2000 || y > 2100) return null
    return { kind: 'month', key: s, first: new Date(y, mo - 1, 1), last: new Date(y, mo, 0) }
  }
  m = quarterRE.exec(s)
  if (m) {
    const y = Number(m[1])
    const q = Number(m[2])
    if (y < 2000 || y > 2100) return null
    return { kind: 'quarter', key: s, first: new Date(y, 3 * (q - 1), 1), last: new Date(y, 3 * q, 0) }
  }
  const [a, b, ...rest] = s.split('~')
  if (a === undefined || b === undefined || rest.length) return null
  const first = validDay(a)
  const last = validDay(b)
  if (!first || !last || last < first || first.getFullYear() < 2000 || last.getFullYear() > 2100) return null
  return { kind: 'range', key: s, first, last }
}

/** periodDays are the first and last day of a period (YYYY-MM-DD, both included), as a drill takes them. */
export function periodDays(key: string): { from: string; to: string } | null {
  const p = parsePeriod(key)
  return p ? { from: dayOf(p.first), to: dayOf(p.last) } : null
}

/** shiftPeriod moves a month or quarter by n of its kind; a range moves by its own length. */
export function shiftPeriod(key: string, n: number): string {
  const p = parsePeriod(key)
  if (!p) return key
  if (p.kind === 'month') return monthKey(new Date(p.first.getFullYear(), p.first.getMonth() + n, 1))
  if (p.kind === 'quarter') return quarterKey(new Date(p.first.getFullYear(), p.first.getMonth() + 3 * n, 1))
  const days = Math.round((p.last.getTime() - p.first.getTime()) / 86_400_000) + 1
  const from = new Date(p.first.getFullYear(), p.first.getMonth(), p.first.getDate() + n * days)
  const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days - 1)
  return rangeKey(dayOf(from), dayOf(to))
}

/** convertPeriod turns a period into one of another kind that starts on the same day. */
export function convertPeriod(key: string, kind: PeriodKind): string {
  const p = parsePeriod(key)
  if (!p) return key
  if (kind === 'month') return monthKey(p.first)
  if (kind === 'quarter') return quarterKey(p.first)
  return p.kind === 'range' ? p.key : rangeKey(dayOf(p.first), dayOf(p.last))
}

/** periodTitle names a period for people: "2026年10月", "2026年第3季度", "2026-10-01 至 2026-10-15"; an unknown key as is. */
export function periodTitle(key: string, tr: Translator): string {
  const p = parsePeriod(key)
  if (!p) return key
  const year = p.first.getFullYear()
  if (p.kind === 'month') return tr.t('report.period.monthTitle', { year, month: p.first.getMonth() + 1 })
  if (p.kind === 'quarter') return tr.t('report.period.quarterTitle', { year, q: Math.floor(p.first.getMonth() / 3) + 1 })
  return tr.t('report.period.rangeTitle', { from: dayOf(p.first), to: dayOf(p.last) })
}
