import { describe, expect, it } from 'vitest'
import type { RequestQuery } from '../api/types'
import { countKey, formatCount, listTotal } from './listTotal'

const q: RequestQuery = {
  search: '对接',
  statuses: [],
  urgencies: [],
  types: [],
  channels: [],
  customerId: '',
  owner: '',
  receivedFrom: '',
  receivedTo: '',
  sort: 'receivedAt',
  desc: true,
  offset: 0,
  limit: 20,
}

describe('list total', () => {
  it('shows an exact total as it is', () => {
    expect(listTotal({ total: 2002, totalExact: true }, null)).toEqual({ n: 2002, exact: true, itemCount: 2002 })
  })

  it('shows a lower bound with room for one page more', () => {
    expect(listTotal({ total: 116, totalExact: false }, null)).toEqual({ n: 116, exact: false, itemCount: 117 })
  })

  it('shows the count made next: exact, or the cap it passed', () => {
    expect(listTotal({ total: 116, totalExact: false }, { n: 2002, exact: true })).toEqual({ n: 2002, exact: true, itemCount: 2002 })
    expect(listTotal({ total: 116, totalExact: false }, { n: 10000, exact: false })).toEqual({
      n: 10000,
      exact: false,
      itemCount: 10001,
    })
  })

  it('never shows less than the page reached', () => {
    expect(listTotal({ total: 10050, totalExact: false }, { n: 10000, exact: false }).n).toBe(10050)
  })

  it('prefers the exact count the user asked for', () => {
    expect(listTotal({ total: 116, totalExact: false }, { n: 10356, exact: true })).toEqual({ n: 10356, exact: true, itemCount: 10356 })
  })

  it('keeps a count across pages and orders, not across filters', () => {
    const key = countKey(q)
    expect(countKey({ ...q, offset: 40, sort: 'number', desc: false })).toBe(key)
    expect(countKey({ ...q, exactTotal: true })).toBe(key)
    expect(countKey({ ...q, search: '合同' })).not.toBe(key)
    expect(countKey({ ...q, urgencies: ['urgent'] })).not.toBe(key)
  })

  it('groups digits', () => {
    expect(formatCount(10000, 'zh-CN')).toBe('10,000')
    expect(formatCount(10000, 'en')).toBe('10,000')
  })
})
