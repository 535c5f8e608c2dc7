import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, reactive } from 'vue'
import type { LocationQuery } from 'vue-router'
import { defaultFilters } from '../lib/listQuery'

const route = reactive<{ query: LocationQuery }>({ query: {} })
const replace = vi.fn((to: { query: LocationQuery }) => {
  route.query = to.query
  return Promise.resolve()
})
vi.mock('vue-router', () => ({ useRoute: () => route, useRouter: () => ({ replace }) }))

const { queryParam, useRouteFilters } = await import('./useRouteFilters')

describe('useRouteFilters', () => {
  it('reads the query at once, follows its changes and writes applied filters back', async () => {
    route.query = { q: '打印', urgency: 'urgent' }
    replace.mockClear()
    const seen: string[] = []
    const scope = effectScope()
    const rf = scope.run(() => useRouteFilters((f) => seen.push(f.search), () => ({ scope: 'full' })))!
    expect(seen).toEqual(['打印'])
    expect(rf.filters.value.urgencies).toEqual(['urgent'])

    // Going back in history changes the query: the filters follow.
    route.query = { q: '合同' }
    await nextTick()
    expect(rf.filters.value.search).toBe('合同')
    expect(seen).toEqual(['打印', '合同'])

    rf.apply({ ...rf.filters.value, search: '对接' })
    expect(replace).toHaveBeenCalledWith({ query: { q: '对接', scope: 'full' } })
    await nextTick()
    expect(seen).toEqual(['打印', '合同', '对接'])

    // The same filters again change nothing.
    rf.apply({ ...rf.filters.value })
    expect(replace).toHaveBeenCalledTimes(1)
    scope.stop()
  })

  it('starts from the defaults on an empty query', () => {
    route.query = {}
    const scope = effectScope()
    const rf = scope.run(() => useRouteFilters(() => undefined))!
    expect(rf.filters.value).toEqual(defaultFilters())
    scope.stop()
  })
})

describe('queryParam', () => {
  it('takes the first value of a parameter, "" when absent', () => {
    expect(queryParam('2026-10')).toBe('2026-10')
    expect(queryParam(['a', 'b'])).toBe('a')
    expect(queryParam(undefined)).toBe('')
    expect(queryParam([null])).toBe('')
  })
})
