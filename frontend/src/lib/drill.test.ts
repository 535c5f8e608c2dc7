import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import { dimDrill, drillFromQuery, drillToQuery, measureDrill, openDrill } from './drill'
import { defaultFilters, fromQuery, hasFilters, toQuery, toRequestQuery } from './listQuery'

/** asURL mimics the router: every value becomes a string. */
function asURL(q: Record<string, unknown>): LocationQuery {
  const out: LocationQuery = {}
  for (const [k, v] of Object.entries(q)) out[k] = Array.isArray(v) ? v.map(String) : String(v)
  return out
}

describe('drills', () => {
  it('takes a measure over the days of the period', () => {
    expect(measureDrill('2026Q3', '客服部', 'resolution_rate', 'miss', '2026年第三季度 · 问题解决率')).toEqual({
      measure: 'resolution_rate',
      part: 'miss',
      from: '2026-07-01',
      to: '2026-09-30',
      department: '客服部',
      dim: '',
      key: '',
      stage: '',
      label: '2026年第三季度 · 问题解决率',
    })
    expect(measureDrill('2026-13', '', 'received', 'in', '')).toBeNull()
  })

  it('selects a dimension value, optionally within a measure', () => {
    const d = dimDrill('2026-10', '', 'department', '', '（未填写）', 'satisfied_rate', 'in')
    expect(d).toMatchObject({ dim: 'department', key: '', measure: 'satisfied_rate', part: 'in', from: '2026-10-01', to: '2026-10-31' })
    expect(dimDrill('2026-10', '', 'type', '投诉', '投诉')).toMatchObject({ measure: '', part: '' })
  })

  it('reads open requests without days', () => {
    expect(openDrill('', 'age', 'ge30d', 'x', 'analysis')).toMatchObject({ dim: 'age', key: 'ge30d', stage: 'analysis', from: '', to: '' })
  })

  it('round-trips through the URL, an empty key included', () => {
    for (const d of [
      measureDrill('2026-10-01~2026-10-15', '技术支持部', 'on_time_resolve', 'hit', '按时')!,
      dimDrill('2026Q4', '', 'owner', '', '未指定', 'received', 'in')!,
      openDrill('客服部', 'stage', 'intake', '接收登记'),
    ]) {
      expect(drillFromQuery(asURL(drillToQuery(d)))).toEqual(d)
    }
  })

  it.each([
    { name: 'nothing', q: {} },
    { name: 'an unknown dimension', q: { 'd.dim': 'colour', 'd.key': 'x', 'd.from': '2026-10-01', 'd.to': '2026-10-31' } },
    { name: 'an unknown part', q: { 'd.measure': 'received', 'd.part': 'most', 'd.from': '2026-10-01', 'd.to': '2026-10-31' } },
    { name: 'a measure without days', q: { 'd.measure': 'received' } },
    { name: 'a malformed day', q: { 'd.measure': 'received', 'd.from': '2026-10-1', 'd.to': '2026-10-31' } },
  ])('ignores $name', ({ q }) => {
    expect(drillFromQuery(q as LocationQuery)).toBeNull()
  })

  it('is a filter of the list: kept in its URL, sent with its query, dropped by none of the others', () => {
    const drill = measureDrill('2026-10', '', 'received', 'in', '2026年10月 · 受理需求数')!
    const f = { ...defaultFilters(), drill, types: ['咨询'] }
    expect(hasFilters({ ...defaultFilters(), drill })).toBe(true)
    const back = fromQuery(asURL(toQuery(f) as Record<string, unknown>))
    expect(back).toEqual(f)
    expect(toRequestQuery(f).drill).toEqual(drill)
    expect(toRequestQuery(defaultFilters()).drill).toBeUndefined()
  })
})
