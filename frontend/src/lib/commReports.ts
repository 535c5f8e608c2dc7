// Formatting for plan 004's reports (the communication diagnosis and the
// annual evaluation): rates in percent and times given in hours.
import type { ChartOption } from './charts'
import { palette } from './charts'

/** formatRate shows a percentage with one decimal, or "—". */
export function formatRate(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${v.toFixed(1)}%`
}

/** formatHours shows a time in hours as minutes, hours or days, whichever reads best (the PDF's rule). */
export function formatHours(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—'
  if (v < 1) return `${(v * 60).toFixed(1)} 分钟`
  if (v < 48) return `${v.toFixed(1)} 小时`
  return `${(v / 24).toFixed(1)} 天`
}

/** formatGoal shows a goal's value: a rate in percent, another measure with one decimal and its unit. */
export function formatGoal(unit: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—'
  if (unit === '%') return `${v.toFixed(1)}%`
  return `${v.toFixed(1)} ${unit}`
}

/** goalLinesChart draws goals in percent month by month over 0-100%; a month without a value leaves a gap. */
export function goalLinesChart(months: readonly string[], goals: readonly { name: string; months: readonly (number | null)[] }[]): ChartOption {
  return {
    color: palette,
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
    legend: { bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 12, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: [...months], axisLabel: { color: '#6b7280', fontSize: 11 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: '#6b7280', fontSize: 11, formatter: '{value}%' } },
    series: goals.map((g) => ({ type: 'line', name: g.name, data: [...g.months], connectNulls: false, symbolSize: 6 })),
  }
}
