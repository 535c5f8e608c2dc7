import { describe, expect, it } from 'vitest'
import { translator } from '../test/i18n'
import { changeOf, formatNumber, formatValue, misses, partLabel } from './measures'

const rate = { unit: '%', higher: true }
const hours = { unit: '小时', higher: false }
const points = { unit: '分', higher: true }
const count = { unit: '条', higher: true }

describe('measure formatting', () => {
  it.each([
    { name: 'rate', def: rate, v: 85, want: '85.0%' },
    { name: 'count', def: count, v: 120, want: '120 条' },
    { name: 'hours', def: hours, v: 2.1667, want: '2.2 小时' },
    { name: 'points', def: points, v: 4.3456, want: '4.35 分' },
    { name: 'nothing measured', def: rate, v: null, want: '—' },
  ])('shows a $name as the reports print it', ({ def, v, want }) => {
    expect(formatValue(def, v)).toBe(want)
  })

  it('shows the number alone for the cards', () => {
    expect(formatNumber(rate, 46.35)).toBe('46.4')
    expect(formatNumber(count, 0)).toBe('0')
    expect(formatNumber(count, undefined)).toBe('—')
  })
})

describe('changes', () => {
  it('moves rates by percentage points and judges by higher', () => {
    expect(changeOf(rate, 90, 87.5)).toEqual({ dir: 'up', amount: 2.5, points: true, good: true })
    expect(changeOf({ unit: '%', higher: false }, 90, 87.5)).toMatchObject({ dir: 'up', good: false })
  })

  it('moves other values in percent of the previous one', () => {
    expect(changeOf(hours, 3, 4)).toEqual({ dir: 'down', amount: 25, points: false, good: true })
    expect(changeOf(count, 5, 0)).toEqual({ dir: 'up', amount: null, points: false, good: true })
  })

  it('calls a change under 0.05 flat, and nothing without both values', () => {
    expect(changeOf(points, 4.32, 4.3)).toEqual({ dir: 'flat', amount: 0, points: false, good: null })
    expect(changeOf(rate, null, 80)).toBeNull()
    expect(changeOf(rate, 80, null)).toBeNull()
  })

  it('counts the misses of a rate', () => {
    expect(misses({ id: 'x', value: 40, n: 5, hits: 2 })).toBe(3)
  })
})

describe('part labels', () => {
  const zh = translator('zh-CN')
  it('names hits and misses in the measure’s own words', () => {
    expect(partLabel(zh, 'resolution_rate', 'hit')).toBe('已解决')
    expect(partLabel(zh, 'on_time_resolve', 'miss')).toBe('超时')
    expect(partLabel(zh, 'on_time_delivery', 'miss')).toBe('逾期交付')
    expect(partLabel(zh, 'received', 'in')).toBe('全部计入')
    expect(partLabel(zh, 'some_new_rate', 'hit')).toBe('符合条件')
  })
})
