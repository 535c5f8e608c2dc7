// Options of the editable word lists. Requests store an item's label, so a
// retired (or renamed) label still shows on the requests that have it, but
// only active items are offered for a new choice.
import type { VocabItem, VocabKind, VocabLists } from '../api/types'

export interface VocabOption {
  label: string
  value: string
  /** retired marks a value kept only because the record already has it. */
  retired?: boolean
}

/** listOf returns the list of kind. */
export function listOf(lists: VocabLists | null, kind: VocabKind): VocabItem[] {
  if (!lists) return []
  switch (kind) {
    case 'type':
      return lists.types ?? []
    case 'channel':
      return lists.channels ?? []
    case 'category':
      return lists.categories ?? []
    case 'department':
      return lists.departments ?? []
  }
}

/**
 * vocabOptions offers the active items in list order; each value in keep
 * (what the record being edited already has) that is retired or no longer in
 * the list is appended, marked, so it still shows and can be kept.
 */
export function vocabOptions(items: readonly VocabItem[], keep: readonly string[] = []): VocabOption[] {
  const out: VocabOption[] = items.filter((it) => it.active).map((it) => ({ label: it.label, value: it.label }))
  for (const v of keep) {
    if (v === '' || out.some((o) => o.value === v)) continue
    out.push({ label: v, value: v, retired: true })
  }
  return out
}

/** filterOptions offers every item, retired ones included, for filtering a list of old records. */
export function filterOptions(items: readonly VocabItem[]): VocabOption[] {
  return items.map((it) => ({ label: it.label, value: it.label, retired: !it.active }))
}

/** moveItem returns the ids of items with the one at index moved by delta (-1 up, +1 down), or null if it cannot move. */
export function moveItem(items: readonly VocabItem[], index: number, delta: -1 | 1): string[] | null {
  const to = index + delta
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return null
  const ids = items.map((it) => it.id)
  const [moved] = ids.splice(index, 1)
  if (moved === undefined) return null
  ids.splice(to, 0, moved)
  return ids
}
