// How the dashboard and the reports show a measure's number: the same
// rounding as the backend's report.Format (internal/report), the change
// against the previous period, and whether that change is good news.
import type { MeasureDef, MeasureValue } from '../api/reports'
import type { Translator } from './translate'

/** formatNumber shows a value without its unit: "85.0" for a rate, "120" for a count, "3.2" hours, "4.35" points; "—" for none. */
export function formatNumber(def: Pick<MeasureDef, 'unit'>, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  switch (def.unit) {
    case '%':
      return v.toFixed(1)
    case '条':
      return v.toFixed(0)
    case '小时':
      return v.toFixed(1)
  }
  return v.toFixed(2)
}

/** formatValue shows a value with its unit as the reports print it: "85.0%", "120 条", "3.2 小时", "4.35 分", or "—". */
export function formatValue(def: Pick<MeasureDef, 'unit'>, v: number | null | undefined): string {
  const n = formatNumber(def, v)
  if (n === '—') return n
  return def.unit === '%' ? `${n}%` : `${n} ${def.unit}`
}

export type Direction = 'up' | 'down' | 'flat'

/**
 * Change is how a value moved against the previous one: by percentage points
 * for rates (points), in percent of the previous value otherwise (amount is
 * null when the previous value was 0); good says whether the move is welcome.
 */
export interface Change {
  dir: Direction
  amount: number | null
  points: boolean
  good: boolean | null
}

/** changeOf compares cur with prev as the backend's report.Change does; null when either is missing. */
export function changeOf(def: Pick<MeasureDef, 'unit' | 'higher'>, cur: number | null, prev: number | null): Change | null {
  if (cur === null || prev === null) return null
  const diff = cur - prev
  if (diff > -0.05 && diff < 0.05) return { dir: 'flat', amount: 0, points: def.unit === '%', good: null }
  const dir: Direction = diff > 0 ? 'up' : 'down'
  const good = dir === 'up' ? def.higher : !def.higher
  if (def.unit === '%') return { dir, amount: round1(Math.abs(diff)), points: true, good }
  if (prev === 0) return { dir, amount: null, points: false, good }
  return { dir, amount: round1((Math.abs(diff) * 100) / prev), points: false, good }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}

/** misses is how many of the requests a rate measured did not hit. */
export function misses(v: MeasureValue): number {
  return Math.max(0, v.n - v.hits)
}

/**
 * partLabel names the part of a measure's requests a drill shows: all it
 * counted, or a rate's hits or the rest in the measure's own words
 * ("已解决", "超时"), or in general words for a measure without its own.
 */
export function partLabel(tr: Translator, measure: string, part: 'in' | 'hit' | 'miss'): string {
  if (part === 'in') return tr.t('report.drill.part.in')
  const id = measure.startsWith('on_time_') && measure !== 'on_time_delivery' ? 'on_time' : measure
  const key = `report.${part}.${id}`
  return tr.te(key) ? tr.t(key) : tr.t(`report.drill.part.${part}`)
}
