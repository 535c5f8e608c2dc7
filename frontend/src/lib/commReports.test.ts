import { describe, expect, it } from 'vitest'
import { formatGoal, formatHours, formatRate, goalLinesChart } from './commReports'

describe('commReports', () => {
  it('formats rates, times and goals', () => {
    expect(formatRate(null)).toBe('—')
    expect(formatRate(66.666)).toBe('66.7%')
    expect(formatHours(0.1)).toBe('6.0 分钟')
    expect(formatHours(6)).toBe('6.0 小时')
    expect(formatHours(72)).toBe('3.0 天')
    expect(formatGoal('%', 75)).toBe('75.0%')
    expect(formatGoal('小时', 1.25)).toBe('1.3 小时')
    expect(formatGoal('%', null)).toBe('—')
  })
  it('draws one line per goal over 0-100%, gaps where a month has no value', () => {
    const o = goalLinesChart(['1月', '2月'], [{ name: '抽检合格率', months: [null, 75] }])
    expect(o.series).toEqual([expect.objectContaining({ type: 'line', name: '抽检合格率', data: [null, 75] })])
    expect(o.yAxis).toEqual(expect.objectContaining({ min: 0, max: 100 }))
  })
})
