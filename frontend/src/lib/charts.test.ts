import { describe, expect, it } from 'vitest'
import type { Backlog, MonthPoint, QuadrantPoint } from '../api/reports'
import {
  backlogChart,
  backlogStageAt,
  barChart,
  barCountAt,
  bubbleSize,
  escapeHTML,
  jitter,
  pieChart,
  quadrantChart,
  quadrantPointAt,
  sparkline,
  volumeChart,
} from './charts'

type Series = { type: string; name?: string; data: unknown[]; yAxisIndex?: number; stack?: string }
const series = (o: { series?: unknown }) => o.series as Series[]

const backlog: Backlog[] = [
  { stage: 'intake', name: '接收登记', count: 3, byAge: [1, 2, 0, 0, 0] },
  { stage: 'triage', name: '分类定级', count: 0, byAge: [0, 0, 0, 0, 0] },
  { stage: 'analysis', name: '需求分析', count: 4, byAge: [0, 0, 1, 1, 2] },
]

describe('chart options', () => {
  it('draws a trend with gaps for months without a value', () => {
    expect(series(sparkline([1, null, 3]))[0]!.data).toEqual([1, '-', 3])
  })

  it('stacks the backlog by age with the first stage on top, and finds the stage clicked', () => {
    const o = backlogChart(backlog, ['<1', '1-3', '3-7', '7-30', '30+'])
    const s = series(o)
    expect(s).toHaveLength(5)
    expect(s.every((x) => x.stack === 'age')).toBe(true)
    expect((o.yAxis as { data: string[] }).data).toEqual(['需求分析', '分类定级', '接收登记'])
    expect(s[4]!.data).toEqual([2, 0, 0]) // 30+ days: analysis 2
    expect(backlogStageAt(backlog, 0)?.stage).toBe('analysis')
    expect(backlogStageAt(backlog, 2)?.stage).toBe('intake')
  })

  it('shows received and solved by month with the on-time line on its own axis, or without it', () => {
    const months: MonthPoint[] = [
      { key: '2026-09', label: '', received: 5, solved: 3, onTimeResolve: 50, satisfaction: null, responseHours: 2 },
      { key: '2026-10', label: '', received: 0, solved: 0, onTimeResolve: null, satisfaction: null, responseHours: null },
    ]
    const o = volumeChart(months, { received: '受理', solved: '已解决', onTime: '按时' })
    const s = series(o)
    expect(s.map((x) => x.type)).toEqual(['bar', 'bar', 'line'])
    expect(s[2]!.yAxisIndex).toBe(1)
    expect(s[2]!.data).toEqual([50, '-'])
    const bare = series(volumeChart(months, { received: '受理', solved: '已解决' }))
    expect(bare.map((x) => x.name)).toEqual(['受理', '已解决'])
  })

  it('names the empty key and maps a bar back to its count', () => {
    const counts = [
      { key: '咨询', count: 5 },
      { key: '', count: 2 },
    ]
    const label = (k: string) => k || '（未填写）'
    expect((series(pieChart(counts, label))[0]!.data as { name: string }[]).map((d) => d.name)).toEqual(['咨询', '（未填写）'])
    const bar = barChart(counts, label)
    expect((bar.yAxis as { data: string[] }).data).toEqual(['（未填写）', '咨询'])
    expect(barCountAt(counts, 1)).toEqual({ key: '咨询', count: 5 })
  })

  it('places open requests by value, grouped by urgency, bubbles by cost', () => {
    const pts: QuadrantPoint[] = [
      { requestId: 'a', number: 'XR-1', title: '<b>对接</b>', urgency: 'normal', customerValue: 4, businessValue: 5, costDays: 9 },
      { requestId: 'b', number: 'XR-2', title: '报表', urgency: 'urgent', customerValue: 1, businessValue: 2, costDays: 0 },
    ]
    const o = quadrantChart(pts, { customerValue: '客户价值', businessValue: '业务价值', cost: '成本', urgency: (u) => u.toUpperCase() })
    const s = series(o)
    expect(s.map((x) => x.name)).toEqual(['URGENT', 'NORMAL'])
    const first = s[0]!.data[0] as { value: number[]; index: number; symbolSize: number }
    expect(first.index).toBe(1)
    expect(Math.abs(first.value[0]! - 1)).toBeLessThanOrEqual(0.3)
    expect(Math.abs(first.value[1]! - 2)).toBeLessThanOrEqual(0.3)
    expect(quadrantPointAt(pts, s[1]!.data[0])?.number).toBe('XR-1')
    const tip = (o.tooltip as { formatter: (p: unknown) => string }).formatter({ data: { index: 0 } })
    expect(tip).toContain('&lt;b&gt;对接&lt;/b&gt;')
    expect(tip).toContain('客户价值 4')
  })

  it('spreads points the same way each time, within bounds', () => {
    expect(jitter('req-1')).toEqual(jitter('req-1'))
    expect(jitter('req-1')).not.toEqual(jitter('req-2'))
    for (const id of ['a', 'b', 'c', '0191-abc']) for (const d of jitter(id)) expect(Math.abs(d)).toBeLessThanOrEqual(0.3)
    expect(bubbleSize(0)).toBe(8)
    expect(bubbleSize(10_000)).toBe(40)
    expect(bubbleSize(9)).toBeGreaterThan(bubbleSize(1))
  })

  it('escapes markup', () => {
    expect(escapeHTML(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})
