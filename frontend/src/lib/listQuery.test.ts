import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import {
  defaultFilters,
  fromDay,
  fromQuery,
  hasFilters,
  sameFilters,
  toDay,
  toQuery,
  toRequestQuery,
  type ListFilters,
} from './listQuery'

/** asURL mimics the router: every value becomes a string or an array of strings. */
function asURL(q: ReturnType<typeof toQuery>): LocationQuery {
  const out: LocationQuery = {}
  for (const [k, v] of Object.entries(q)) {
    out[k] = Array.isArray(v) ? v.map((x) => (x == null ? null : String(x))) : v == null ? null : String(v)
  }
  return out
}

describe('list filters in the URL', () => {
  it('leaves the defaults out', () => {
    expect(toQuery(defaultFilters())).toEqual({})
    expect(fromQuery({})).toEqual(defaultFilters())
  })

  it('round-trips every filter', () => {
    const f: ListFilters = {
      search: '对接',
      statuses: ['registered'],
      urgencies: ['urgent', 'important'],
      types: ['技术咨询', '问题(报障)'],
      channels: ['电话'],
      customerId: 'c-1',
      owner: '赵磊',
      from: '2026-03-01',
      to: '2026-03-31',
      sort: 'urgency',
      desc: false,
      page: 3,
      pageSize: 50,
      drill: null,
    }
    const q = toQuery(f)
    expect(q).toMatchObject({ q: '对接', urgency: ['urgent', 'important'], sort: 'urgency', order: 'asc', page: '3', size: '50' })
    expect(fromQuery(asURL(q))).toEqual(f)
  })

  it('reads a single value as a one-element list', () => {
    expect(fromQuery({ type: '咨询' }).types).toEqual(['咨询'])
  })

  it('ignores malformed values', () => {
    const f = fromQuery({
      urgency: ['urgent', 'whenever'],
      sort: 'title',
      order: 'sideways',
      page: '-2',
      size: '33',
      from: '2026-13-01',
      to: 'tomorrow',
      type: ['', '  ', '建议', '建议'],
    })
    expect(f.urgencies).toEqual(['urgent'])
    expect(f.sort).toBe('receivedAt')
    expect(f.desc).toBe(true)
    expect(f.page).toBe(1)
    expect(f.pageSize).toBe(20)
    expect(f.from).toBe('')
    expect(f.to).toBe('')
    expect(f.types).toEqual(['建议'])
  })

  it('keeps the order when sorting by another column descending', () => {
    const q = toQuery({ ...defaultFilters(), sort: 'number' })
    expect(q).toEqual({ sort: 'number', order: 'desc' })
    expect(fromQuery(asURL(q)).desc).toBe(true)
  })

  it('compares filter sets by value', () => {
    expect(sameFilters(defaultFilters(), { ...defaultFilters(), search: '  ' })).toBe(true)
    expect(sameFilters(defaultFilters(), { ...defaultFilters(), page: 2 })).toBe(false)
  })
})

describe('toRequestQuery', () => {
  it('turns the page into offset and limit', () => {
    const q = toRequestQuery({ ...defaultFilters(), page: 3, pageSize: 50, search: ' 对接 ', owner: ' 赵磊' })
    expect(q.offset).toBe(100)
    expect(q.limit).toBe(50)
    expect(q.search).toBe('对接')
    expect(q.owner).toBe('赵磊')
    expect(q.sort).toBe('receivedAt')
    expect(q.desc).toBe(true)
  })
})

describe('hasFilters', () => {
  it('ignores sorting and paging', () => {
    expect(hasFilters({ ...defaultFilters(), sort: 'number', page: 4 })).toBe(false)
    expect(hasFilters({ ...defaultFilters(), channels: ['邮件'] })).toBe(true)
  })
})

describe('days', () => {
  it('converts between picker timestamps and local days', () => {
    const ms = fromDay('2026-03-15')
    expect(ms).not.toBeNull()
    expect(toDay(ms as number)).toBe('2026-03-15')
    expect(fromDay('2026-3-15')).toBeNull()
  })
})
