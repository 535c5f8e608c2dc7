// The request list's filters, sorting and page, and their form in the URL
// query, so that a reload, the back button or a shared link keeps them.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Drill, RequestQuery, Urgency } from '../api/types'
import { urgencies } from '../api/types'
import { drillFromQuery, drillToQuery } from './drill'

export type SortKey = 'receivedAt' | 'number' | 'urgency' | 'customerName' | 'updatedAt'
export const sortKeys: readonly SortKey[] = ['receivedAt', 'number', 'urgency', 'customerName', 'updatedAt']
export const pageSizes = [20, 50, 100] as const
export type PageSize = (typeof pageSizes)[number]

/** ListFilters is everything that selects and orders the rows shown. */
export interface ListFilters {
  search: string
  statuses: string[]
  urgencies: Urgency[]
  types: string[]
  channels: string[]
  customerId: string
  owner: string
  /** from and to are local calendar days, YYYY-MM-DD, inclusive. */
  from: string
  to: string
  sort: SortKey
  desc: boolean
  page: number
  pageSize: PageSize
  /** drill narrows the list to the requests behind a number of the dashboard; null for none. */
  drill: Drill | null
}

/** defaultFilters shows everything, most recently received first, 20 to a page. */
export function defaultFilters(): ListFilters {
  return {
    search: '',
    statuses: [],
    urgencies: [],
    types: [],
    channels: [],
    customerId: '',
    owner: '',
    from: '',
    to: '',
    sort: 'receivedAt',
    desc: true,
    page: 1,
    pageSize: 20,
    drill: null,
  }
}

type QueryValue = LocationQuery[string] | undefined

function one(v: QueryValue): string {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s.trim() : ''
}

function many(v: QueryValue): string[] {
  const list = Array.isArray(v) ? v : [v]
  const out: string[] = []
  for (const s of list) {
    if (typeof s !== 'string') continue
    const t = s.trim()
    if (t !== '' && !out.includes(t)) out.push(t)
  }
  return out
}

const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

function day(v: QueryValue): string {
  const s = one(v)
  return dayPattern.test(s) ? s : ''
}

/** fromQuery reads filters from the URL query; anything missing or malformed takes its default. */
export function fromQuery(q: LocationQuery): ListFilters {
  const f = defaultFilters()
  f.search = one(q.q)
  f.statuses = many(q.status)
  f.urgencies = many(q.urgency).filter((u): u is Urgency => (urgencies as readonly string[]).includes(u))
  f.types = many(q.type)
  f.channels = many(q.channel)
  f.customerId = one(q.customer)
  f.owner = one(q.owner)
  f.from = day(q.from)
  f.to = day(q.to)
  const sort = one(q.sort)
  if ((sortKeys as readonly string[]).includes(sort)) f.sort = sort as SortKey
  const order = one(q.order)
  if (order === 'asc') f.desc = false
  else if (order === 'desc') f.desc = true
  const page = Number.parseInt(one(q.page), 10)
  if (Number.isInteger(page) && page > 0) f.page = page
  const size = Number.parseInt(one(q.size), 10)
  if ((pageSizes as readonly number[]).includes(size)) f.pageSize = size as PageSize
  f.drill = drillFromQuery(q)
  return f
}

/** toQuery writes filters to a URL query, leaving out what equals the default so links stay short. */
export function toQuery(f: ListFilters): LocationQueryRaw {
  const d = defaultFilters()
  const q: LocationQueryRaw = {}
  if (f.search.trim() !== '') q.q = f.search.trim()
  if (f.statuses.length) q.status = [...f.statuses]
  if (f.urgencies.length) q.urgency = [...f.urgencies]
  if (f.types.length) q.type = [...f.types]
  if (f.channels.length) q.channel = [...f.channels]
  if (f.customerId) q.customer = f.customerId
  if (f.owner.trim() !== '') q.owner = f.owner.trim()
  if (f.from) q.from = f.from
  if (f.to) q.to = f.to
  if (f.sort !== d.sort) q.sort = f.sort
  if (f.desc !== d.desc || f.sort !== d.sort) q.order = f.desc ? 'desc' : 'asc'
  if (f.page !== d.page) q.page = String(f.page)
  if (f.pageSize !== d.pageSize) q.size = String(f.pageSize)
  if (f.drill) Object.assign(q, drillToQuery(f.drill))
  return q
}

/** toRequestQuery turns filters into the backend's list query for the current page. */
export function toRequestQuery(f: ListFilters): RequestQuery {
  return {
    search: f.search.trim(),
    statuses: [...f.statuses],
    urgencies: [...f.urgencies],
    types: [...f.types],
    channels: [...f.channels],
    customerId: f.customerId,
    owner: f.owner.trim(),
    receivedFrom: f.from,
    receivedTo: f.to,
    sort: f.sort,
    desc: f.desc,
    offset: (f.page - 1) * f.pageSize,
    limit: f.pageSize,
    ...(f.drill ? { drill: { ...f.drill } } : {}),
  }
}

/** hasFilters reports whether any filter narrows the list (sorting and paging aside). */
export function hasFilters(f: ListFilters): boolean {
  return (
    f.search.trim() !== '' ||
    f.statuses.length > 0 ||
    f.urgencies.length > 0 ||
    f.types.length > 0 ||
    f.channels.length > 0 ||
    f.customerId !== '' ||
    f.owner.trim() !== '' ||
    f.from !== '' ||
    f.to !== '' ||
    f.drill !== null
  )
}

/** sameFilters compares two filter sets value by value. */
export function sameFilters(a: ListFilters, b: ListFilters): boolean {
  return JSON.stringify(toQuery(a)) === JSON.stringify(toQuery(b))
}

/** toDay formats a date picker's timestamp as a local YYYY-MM-DD day. */
export function toDay(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** fromDay is the local midnight of a YYYY-MM-DD day, as the date picker wants it. */
export function fromDay(s: string): number | null {
  const m = dayPattern.exec(s)
  if (!m) return null
  const [y, mo, d] = s.split('-').map(Number) as [number, number, number]
  return new Date(y, mo - 1, d).getTime()
}
