// The request list's columns: which there are, how wide each is at least,
// which show by default, and the user's choice as stored on this computer.
// The default set fits a 1280 px window beside the menu, so a laptop shows
// status and owner without scrolling sideways; the user can show more.

export const listColumnKeys = [
  'number',
  'customerName',
  'contactName',
  'contactInfo',
  'type',
  'channel',
  'title',
  'urgency',
  'clock',
  'receivedAt',
  'receivedBy',
  'status',
  'owner',
  'department',
  'updatedAt',
] as const
export type ListColumnKey = (typeof listColumnKeys)[number]

/** fixedColumns are always shown: the number opens the request, the title says what it is. */
export const fixedColumns: readonly ListColumnKey[] = ['number', 'title']

/** defaultColumns are shown until the user chooses. */
export const defaultColumns: readonly ListColumnKey[] = [
  'number',
  'customerName',
  'title',
  'urgency',
  'clock',
  'status',
  'owner',
  'receivedAt',
]

/** columnWidths are each column's width in px; the title's is its least, it takes what is left. */
export const columnWidths: Record<ListColumnKey, number> = {
  number: 112,
  customerName: 136,
  contactName: 72,
  contactInfo: 120,
  type: 96,
  channel: 96,
  title: 190,
  urgency: 100,
  clock: 168,
  receivedAt: 138,
  receivedBy: 72,
  status: 120,
  owner: 68,
  department: 100,
  updatedAt: 140,
}

/** tableWidth is the least width the columns need side by side. */
export function tableWidth(keys: readonly ListColumnKey[]): number {
  return keys.reduce((sum, k) => sum + columnWidths[k], 0)
}

/** normalizeColumns keeps the known keys of v, adds the fixed ones, in the list's order. */
export function normalizeColumns(v: readonly unknown[]): ListColumnKey[] {
  return listColumnKeys.filter((k) => fixedColumns.includes(k) || v.includes(k))
}

/** columnsKey is where the choice is stored (v2: every column shown, not only the optional ones). */
export const columnsKey = 'reqdesk.list.columns.v2'

/** readColumns reads the stored choice; the default when none (or an unreadable one) is stored. */
export function readColumns(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): ListColumnKey[] {
  try {
    const v = JSON.parse(storage?.getItem(columnsKey) ?? 'null') as unknown
    if (Array.isArray(v)) return normalizeColumns(v)
  } catch {
    // An unreadable choice is no choice.
  }
  return [...defaultColumns]
}

/** writeColumns stores the choice; without storage it lasts for this session. */
export function writeColumns(keys: readonly ListColumnKey[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage) {
  try {
    storage?.setItem(columnsKey, JSON.stringify(normalizeColumns(keys)))
  } catch {
    // Private windows may refuse to store.
  }
}
