// The request list's total. A search sorted by receipt answers its first
// page without counting every match: the total is then a lower bound
// ("10,000+"), and the exact number is one click away (countRequests).
import type { RequestQuery } from '../api/types'

/** ListTotal is what the pagination shows. */
export interface ListTotal {
  /** n is the number to show: exact, or at least that many. */
  n: number
  exact: boolean
  /** itemCount drives the pagination: past a lower bound, one more page can be opened. */
  itemCount: number
}

/**
 * listTotal is the total to show for a page: the exact count when the user
 * asked for it (exactCount, null when not asked) or the page gave it,
 * otherwise the page's lower bound, with room for one page more.
 */
export function listTotal(page: { total: number; totalExact: boolean }, exactCount: number | null): ListTotal {
  if (exactCount !== null) return { n: exactCount, exact: true, itemCount: exactCount }
  if (page.totalExact) return { n: page.total, exact: true, itemCount: page.total }
  return { n: page.total, exact: false, itemCount: page.total + 1 }
}

/**
 * countKey names the selection a count was made for: the query without its
 * page and order, so paging and sorting keep an exact count the user asked
 * for and any other change forgets it.
 */
export function countKey(q: RequestQuery): string {
  const { offset: _o, limit: _l, sort: _s, desc: _d, exactTotal: _e, ...rest } = q
  return JSON.stringify(rest)
}

/** formatCount writes a count with the locale's digit grouping: 10,000. */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n)
}
