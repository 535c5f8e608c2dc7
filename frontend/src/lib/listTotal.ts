// The request list's total. A search sorted by receipt answers its first
// page without counting every match: its total is then a lower bound, the
// list asks for the total next (counted up to 10,000: "10,000+"), and the
// exact number is one click away (requestTotal with exactTotal).
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
 * listTotal is the total to show for a page: the count made for the same
 * selection (counted, null when none yet: exact, or a cap it passed), else
 * the page's own total, exact or a lower bound. Past a lower bound or a
 * cap one more page can be opened.
 */
export function listTotal(
  page: { total: number; totalExact: boolean },
  counted: { n: number; exact: boolean } | null,
): ListTotal {
  if (counted?.exact) return { n: counted.n, exact: true, itemCount: counted.n }
  if (page.totalExact) return { n: page.total, exact: true, itemCount: page.total }
  const n = Math.max(page.total, counted?.n ?? 0)
  return { n, exact: false, itemCount: n + 1 }
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
