// A saved view of the request list (internal/view) is a backend query with
// the columns shown; the list itself keeps its filters in the URL. These
// turn one into the other.
import type { RouteLocationRaw } from 'vue-router'
import type { CountedView, SavedView, ViewInput } from '../api/links'
import type { Urgency } from '../api/types'
import { urgencies } from '../api/types'
import { normalizeColumns, type ListColumnKey } from './listColumns'
import { defaultFilters, sortKeys, toQuery, toRequestQuery, type ListFilters, type SortKey } from './listQuery'

/** filtersOfView are the list's filters a view selects, on its first page. */
export function filtersOfView(v: Pick<SavedView, 'query'>): ListFilters {
  const q = v.query
  const f = defaultFilters()
  f.search = q.search ?? ''
  f.statuses = [...(q.statuses ?? [])]
  f.urgencies = (q.urgencies ?? []).filter((u): u is Urgency => (urgencies as readonly string[]).includes(u))
  f.types = [...(q.types ?? [])]
  f.channels = [...(q.channels ?? [])]
  f.customerId = q.customerId ?? ''
  f.owner = q.owner ?? ''
  f.from = q.receivedFrom ?? ''
  f.to = q.receivedTo ?? ''
  if ((sortKeys as readonly string[]).includes(q.sort)) f.sort = q.sort as SortKey
  f.desc = q.desc ?? true
  return f
}

/** viewLink opens the list with the view's filters, and names the view so its columns show. */
export function viewLink(v: Pick<CountedView, 'id' | 'query'>): RouteLocationRaw {
  return { path: '/requests', query: { ...toQuery(filtersOfView(v)), view: v.id } }
}

/** viewInput is what saving the list as it is now sends: its filters and order (no page, no drill) and its columns. */
export function viewInput(name: string, f: ListFilters, columns: readonly ListColumnKey[]): ViewInput {
  const q = toRequestQuery({ ...f, drill: null, page: 1 })
  return { name: name.trim(), query: { ...q, offset: 0, limit: 0 }, columns: [...columns] }
}

/** viewColumns are the columns a view shows, the fixed ones always among them. */
export function viewColumns(v: Pick<SavedView, 'columns'>): ListColumnKey[] {
  return normalizeColumns(v.columns ?? [])
}
