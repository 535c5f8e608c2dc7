// The list's and the board's filters live in the URL query, so a filtered
// view can be bookmarked, shared and gone back to: the query is read into
// filters (and the view reloads) whenever it changes, and applying new
// filters replaces the query.
import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { fromQuery, sameFilters, toQuery, type ListFilters } from '../lib/listQuery'

/** RouteFilters are the filters the URL query holds and the way to change them. */
export interface RouteFilters {
  filters: Ref<ListFilters>
  /** apply makes next the filters, in the URL query too; the same filters again change nothing. */
  apply(next: ListFilters): void
}

/**
 * useRouteFilters reads the filters from the route's query and calls changed
 * with them at once and whenever the query changes. keep gives the view's own
 * query parameters that applying filters keeps (the board's scope).
 */
export function useRouteFilters(changed: (f: ListFilters) => void, keep: () => Record<string, string> = () => ({})): RouteFilters {
  const route = useRoute()
  const router = useRouter()
  const filters = ref<ListFilters>(fromQuery(route.query))
  watch(
    () => route.query,
    (q) => {
      const next = fromQuery(q)
      if (!sameFilters(next, filters.value)) filters.value = next
      changed(filters.value)
    },
    { immediate: true },
  )
  function apply(next: ListFilters) {
    if (sameFilters(next, filters.value)) return
    filters.value = next
    void router.replace({ query: { ...toQuery(next), ...keep() } })
  }
  return { filters, apply }
}

/** queryParam is the first value of a query parameter, "" when absent. */
export function queryParam(v: unknown): string {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : ''
}
