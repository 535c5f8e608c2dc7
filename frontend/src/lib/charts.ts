// ECharts options for the dashboard and the reports, built from the
// backend's numbers by pure functions (tested without a canvas). Labels come
// in already translated; the chart's click handler finds what was clicked by
// the series and data index these functions document.
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { Backlog, Count, MonthPoint, QuadrantPoint } from '../api/reports'

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>

/** ChartClick is the part of ECharts' click parameters the views use. */
export interface ChartClick {
  seriesIndex?: number
  dataIndex: number
  data?: unknown
  name?: string
}

/** palette is the series colours, blue first like the app's accent. */
export const palette = ['#1f6feb', '#36b37e', '#f5a623', '#8e6ccf', '#e5534b', '#26a5b8', '#d46ba0', '#7a8599', '#b5892a', '#4b7bd6']
/** ageColors go from fresh (green) to stale (red), in the order of the backlog's age buckets. */
export const ageColors = ['#7cc68d', '#4fa3e0', '#f5c342', '#f08b4b', '#d9534f']
/** urgencyColors colour the quadrant's bubbles by urgency. */
export const urgencyColors: Record<string, string> = {
  urgent: '#d9534f',
  important: '#f08b4b',
  normal: '#1f6feb',
  potential: '#8e6ccf',
}

const axisLabel = { color: '#6b7280', fontSize: 11 }
const splitLine = { lineStyle: { color: '#eef0f3' } }

/** escapeHTML keeps request titles from becoming markup in a tooltip. */
export function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

/** sparkline draws a measure's trend by month as a bare line; months without a value leave gaps. */
export function sparkline(trend: readonly (number | null)[], color = palette[0]): ChartOption {
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'category', show: false, boundaryGap: false, data: trend.map((_, i) => String(i)) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data: trend.map((v) => (v === null ? '-' : v)),
        symbol: 'none',
        connectNulls: false,
        lineStyle: { width: 1.5, color },
        areaStyle: { color, opacity: 0.08 },
        silent: true,
      },
    ],
  }
}

/**
 * backlogChart stacks the open requests of each stage (rows, in the order
 * given) by age bucket (series, in AgeBuckets' order): click → series index
 * is the age bucket, data index the stage.
 */
export function backlogChart(backlog: readonly Backlog[], ageLabels: readonly string[]): ChartOption {
  const stages = [...backlog].reverse() // the first stage on top
  return {
    color: ageColors,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel, splitLine },
    yAxis: { type: 'category', data: stages.map((b) => b.name), axisLabel: { ...axisLabel, fontSize: 12, color: '#374151' } },
    series: ageLabels.map((name, i) => ({
      type: 'bar',
      name,
      stack: 'age',
      barMaxWidth: 18,
      data: stages.map((b) => b.byAge[i] ?? 0),
      emphasis: { focus: 'series' },
    })),
  }
}

/** backlogStageAt maps a click's data index on backlogChart back to its stage (the chart lists stages bottom-up). */
export function backlogStageAt(backlog: readonly Backlog[], dataIndex: number): Backlog | undefined {
  return backlog[backlog.length - 1 - dataIndex]
}

export interface VolumeLabels {
  received: string
  solved: string
  /** onTime names the on-time resolve line; without it (the monthly report has no such number by month) the line is left out. */
  onTime?: string
}

/**
 * volumeChart shows requests received and solved per month (bars, series 0
 * and 1) and the on-time resolve rate (line on the right axis, series 2).
 */
export function volumeChart(months: readonly MonthPoint[], l: VolumeLabels): ChartOption {
  const bars: BarSeriesOption[] = [
    { type: 'bar', name: l.received, data: months.map((m) => m.received), barMaxWidth: 14 },
    { type: 'bar', name: l.solved, data: months.map((m) => m.solved), barMaxWidth: 14 },
  ]
  const countAxis = { type: 'value' as const, minInterval: 1, axisLabel, splitLine }
  const base = {
    color: [palette[0], palette[1], palette[2]],
    tooltip: { trigger: 'axis' as const, confine: true },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'category' as const, data: months.map((m) => m.key), axisLabel },
  }
  if (l.onTime === undefined) return { ...base, yAxis: countAxis, series: bars }
  return {
    ...base,
    yAxis: [
      countAxis,
      { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      ...bars,
      {
        type: 'line',
        name: l.onTime,
        yAxisIndex: 1,
        data: months.map((m) => (m.onTimeResolve === null ? '-' : m.onTimeResolve)),
        connectNulls: false,
        symbolSize: 6,
      },
    ],
  }
}

export interface QualityLabels {
  satisfaction: string
  responseHours: string
}

/** qualityChart shows satisfaction (points, left axis, series 0) and response hours (right axis, series 1) per month. */
export function qualityChart(months: readonly MonthPoint[], l: QualityLabels): ChartOption {
  return {
    color: [palette[3], palette[4]],
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.key), axisLabel },
    yAxis: [
      { type: 'value', min: 0, max: 5, interval: 1, axisLabel, splitLine },
      { type: 'value', min: 0, axisLabel, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'line',
        name: l.satisfaction,
        data: months.map((m) => (m.satisfaction === null ? '-' : m.satisfaction)),
        connectNulls: false,
        symbolSize: 6,
      },
      {
        type: 'line',
        name: l.responseHours,
        yAxisIndex: 1,
        data: months.map((m) => (m.responseHours === null ? '-' : m.responseHours)),
        connectNulls: false,
        symbolSize: 6,
      },
    ],
  }
}

/** pieChart shows a distribution as a ring; label names a key ("" for requests without one). Click → data index into counts. */
export function pieChart(counts: readonly Count[], label: (key: string) => string): ChartOption {
  return {
    color: palette,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）', confine: true },
    legend: {
      type: 'scroll',
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { fontSize: 11, width: 96, overflow: 'truncate' },
    },
    series: [
      {
        type: 'pie',
        radius: ['42%', '70%'],
        center: ['32%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        data: counts.map((c) => ({ name: label(c.key), value: c.count })),
      },
    ],
  }
}

/** barChart shows a distribution as horizontal bars, the largest on top. Click → data index into counts. */
export function barChart(counts: readonly Count[], label: (key: string) => string, color = palette[0]): ChartOption {
  const rows = [...counts].reverse()
  return {
    color: [color],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 28, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel, splitLine },
    yAxis: {
      type: 'category',
      data: rows.map((c) => label(c.key)),
      axisLabel: { ...axisLabel, fontSize: 12, color: '#374151', width: 110, overflow: 'truncate' },
    },
    series: [{ type: 'bar', data: rows.map((c) => c.count), barMaxWidth: 16, label: { show: true, position: 'right', fontSize: 11 } }],
  }
}

/** barCountAt maps a click's data index on barChart back to its count (the chart lists them bottom-up). */
export function barCountAt(counts: readonly Count[], dataIndex: number): Count | undefined {
  return counts[counts.length - 1 - dataIndex]
}

/** jitter spreads requests that share a score pair over ±0.3, the same way every time for the same request. */
export function jitter(id: string): [number, number] {
  let h = 2166136261
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  const a = ((h >>> 0) % 1000) / 1000
  const b = ((Math.imul(h, 2654435761) >>> 0) % 1000) / 1000
  return [(a - 0.5) * 0.6, (b - 0.5) * 0.6]
}

/** bubbleSize grows with the estimated cost in person-days, by area, within 8–40 px. */
export function bubbleSize(costDays: number): number {
  return Math.round(8 + Math.min(32, 4 * Math.sqrt(Math.max(0, costDays))))
}

export interface QuadrantLabels {
  customerValue: string
  businessValue: string
  cost: string
  urgency: (u: string) => string
}

/**
 * quadrantChart places each open request at customer value × business value
 * (1–5, spread a little so equal scores stay visible), bubble by cost,
 * colour by urgency; lines at 3 divide the four quadrants. One series per
 * urgency: click → the point's data carries its index into points.
 */
export function quadrantChart(points: readonly QuadrantPoint[], l: QuadrantLabels): ChartOption {
  const byUrgency = new Map<string, { value: number[]; index: number; symbolSize: number }[]>()
  points.forEach((p, index) => {
    const [dx, dy] = jitter(p.requestId)
    const list = byUrgency.get(p.urgency) ?? []
    list.push({ value: [p.customerValue + dx, p.businessValue + dy], index, symbolSize: bubbleSize(p.costDays) })
    byUrgency.set(p.urgency, list)
  })
  const order = ['urgent', 'important', 'normal', 'potential']
  const rank = (u: string) => (order.includes(u) ? order.indexOf(u) : order.length)
  const keys = [...byUrgency.keys()].sort((a, b) => rank(a) - rank(b))
  const axis = (name: string) => ({
    type: 'value' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 24,
    nameTextStyle: { color: '#374151', fontSize: 12 },
    // 0 and 6 leave room for the bubbles at 1 and 5; only 1–5 are labelled.
    min: 0,
    max: 6,
    interval: 1,
    axisLabel: { ...axisLabel, formatter: (v: number) => (v >= 1 && v <= 5 ? String(v) : '') },
    splitLine,
  })
  return {
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const data = (p as { data?: { index?: number } }).data
        const pt = data?.index === undefined ? undefined : points[data.index]
        if (!pt) return ''
        return (
          `<b>${escapeHTML(pt.number)}</b> ${escapeHTML(pt.title)}<br/>` +
          `${escapeHTML(l.customerValue)} ${pt.customerValue} · ${escapeHTML(l.businessValue)} ${pt.businessValue}<br/>` +
          `${escapeHTML(l.cost)} ${pt.costDays} · ${escapeHTML(l.urgency(pt.urgency))}`
        )
      },
    },
    legend: { top: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 36, right: 16, top: 30, bottom: 34 },
    xAxis: axis(l.customerValue),
    yAxis: axis(l.businessValue),
    series: keys.map((u, i) => ({
      type: 'scatter',
      name: l.urgency(u),
      itemStyle: { color: urgencyColors[u] ?? palette[i % palette.length], opacity: 0.72 },
      data: byUrgency.get(u) ?? [],
      ...(i === 0
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              label: { show: false },
              lineStyle: { type: 'dashed' as const, color: '#c3c8d0' },
              data: [{ xAxis: 3 }, { yAxis: 3 }],
            },
          }
        : {}),
    })),
  }
}

/** quadrantPointAt maps a click on quadrantChart back to its request. */
export function quadrantPointAt(points: readonly QuadrantPoint[], data: unknown): QuadrantPoint | undefined {
  const i = (data as { index?: unknown } | null)?.index
  return typeof i === 'number' ? points[i] : undefined
}
