import { describe, expect, it } from 'vitest'
import { highValue, quadrant, quadrantRank } from './analysis'

describe('quadrant', () => {
  const cases: { name: string; customerValue: number; businessValue: number; horizon: '' | 'immediate' | 'short' | 'long'; want: string }[] = [
    { name: 'nothing scored', customerValue: 0, businessValue: 0, horizon: '', want: '' },
    { name: 'high value, immediate', customerValue: 5, businessValue: 4, horizon: 'immediate', want: 'urgent_important' },
    { name: 'business value alone makes it important', customerValue: 2, businessValue: 4, horizon: 'immediate', want: 'urgent_important' },
    { name: 'important, short term', customerValue: 4, businessValue: 1, horizon: 'short', want: 'important_not_urgent' },
    { name: 'important, no horizon', customerValue: 5, businessValue: 0, horizon: '', want: 'important_not_urgent' },
    { name: 'immediate but low value', customerValue: 3, businessValue: 3, horizon: 'immediate', want: 'urgent_not_important' },
    { name: 'only the horizon given', customerValue: 0, businessValue: 0, horizon: 'immediate', want: 'urgent_not_important' },
    { name: 'low value, long term', customerValue: 3, businessValue: 2, horizon: 'long', want: 'neither' },
    { name: 'one low score only', customerValue: 1, businessValue: 0, horizon: '', want: 'neither' },
  ]
  it.each(cases)('$name', ({ customerValue, businessValue, horizon, want }) => {
    expect(quadrant({ customerValue, businessValue, horizon })).toBe(want)
  })

  it('ranks 紧急且重要 > 重要不紧急 > 紧急不重要 > 不紧急不重要', () => {
    expect(quadrantRank('urgent_important')).toBe(1)
    expect(quadrantRank('important_not_urgent')).toBe(2)
    expect(quadrantRank('urgent_not_important')).toBe(3)
    expect(quadrantRank('neither')).toBe(4)
    expect(quadrantRank('')).toBe(0)
  })
})

describe('highValue', () => {
  it('marks a need whose customer or business value is 4 or 5, as the backend does', () => {
    expect(highValue({ customerValue: 4, businessValue: 1 })).toBe(true)
    expect(highValue({ customerValue: 2, businessValue: 5 })).toBe(true)
    expect(highValue({ customerValue: 3, businessValue: 3 })).toBe(false)
    expect(highValue({ customerValue: 0, businessValue: 0 })).toBe(false)
  })
})
