import { describe, expect, it } from 'vitest'
import { defaultFilters, toQuery } from './listQuery'
import { filtersOfView, viewColumns, viewInput, viewLink } from './savedViews'

describe('saved views', () => {
  it('round-trips the list filters through a view', () => {
    const f = { ...defaultFilters(), statuses: ['triaged'], urgencies: ['urgent' as const], owner: '王强', sort: 'urgency' as const, desc: false, page: 3 }
    const input = viewInput('  紧急待分配 ', f, ['number', 'title', 'urgency'])
    expect(input.name).toBe('紧急待分配')
    expect(input.query.offset).toBe(0)
    expect(input.query.limit).toBe(0)
    const back = filtersOfView({ query: input.query })
    expect(toQuery(back)).toEqual(toQuery({ ...f, page: 1 }))
  })

  it('links to the list with the view named', () => {
    const link = viewLink({ id: 'v1', query: viewInput('a', { ...defaultFilters(), urgencies: ['urgent'] }, ['number']).query })
    expect(link).toEqual({ path: '/requests', query: { urgency: ['urgent'], view: 'v1' } })
  })

  it('keeps the fixed columns', () => {
    expect(viewColumns({ columns: ['status'] })).toEqual(expect.arrayContaining(['number', 'title', 'status']))
  })
})
