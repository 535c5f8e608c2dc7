import { describe, expect, it } from 'vitest'
import { translator } from '../test/i18n'
import { convertPeriod, monthKey, parsePeriod, periodDays, periodTitle, quarterKey, shiftPeriod } from './period'

describe('periods', () => {
  it('names the month and quarter of a day', () => {
    expect(monthKey(new Date(2026, 9, 31))).toBe('2026-10')
    expect(quarterKey(new Date(2026, 9, 1))).toBe('2026Q4')
    expect(quarterKey(new Date(2026, 2, 31))).toBe('2026Q1')
  })

  it.each([
    { name: 'month', key: '2026-10', want: { from: '2026-10-01', to: '2026-10-31' } },
    { name: 'February of a leap year', key: '2028-02', want: { from: '2028-02-01', to: '2028-02-29' } },
    { name: 'quarter', key: '2026Q3', want: { from: '2026-07-01', to: '2026-09-30' } },
    { name: 'last quarter', key: '2026Q4', want: { from: '2026-10-01', to: '2026-12-31' } },
    { name: 'range, both days included', key: '2026-10-01~2026-10-15', want: { from: '2026-10-01', to: '2026-10-15' } },
    { name: 'one day', key: '2026-10-05~2026-10-05', want: { from: '2026-10-05', to: '2026-10-05' } },
  ])('gives the days of a $name', ({ key, want }) => {
    expect(periodDays(key)).toEqual(want)
  })

  it.each(['', '2026-13', '2026-1', '1999-05', '2026Q5', '2026-10-15~2026-10-01', '2026-02-30~2026-03-01', 'x~y', '2026-10-01~2026-10-02~2026-10-03'])(
    'refuses %j',
    (key) => {
      expect(parsePeriod(key)).toBeNull()
      expect(periodDays(key)).toBeNull()
    },
  )

  it('moves by its own kind', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12')
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01')
    expect(shiftPeriod('2026Q1', -1)).toBe('2025Q4')
    expect(shiftPeriod('2026Q4', 1)).toBe('2027Q1')
    expect(shiftPeriod('2026-10-01~2026-10-15', -1)).toBe('2026-09-16~2026-09-30')
    expect(shiftPeriod('2026-10-01~2026-10-15', 1)).toBe('2026-10-16~2026-10-30')
  })

  it('converts between kinds from the same first day', () => {
    expect(convertPeriod('2026-08', 'quarter')).toBe('2026Q3')
    expect(convertPeriod('2026Q3', 'month')).toBe('2026-07')
    expect(convertPeriod('2026-08', 'range')).toBe('2026-08-01~2026-08-31')
    expect(convertPeriod('2026-08-10~2026-08-20', 'month')).toBe('2026-08')
  })

  it('titles a period in each language', () => {
    expect(periodTitle('2026-10', translator('zh-CN'))).toBe('2026年10月')
    expect(periodTitle('2026Q3', translator('zh-CN'))).toBe('2026年第3季度')
    expect(periodTitle('2026Q3', translator('en'))).toBe('2026 Q3')
    expect(periodTitle('2026-10-01~2026-10-15', translator('zh-CN'))).toBe('2026-10-01 至 2026-10-15')
    expect(periodTitle('nonsense', translator('zh-CN'))).toBe('nonsense')
  })
})
