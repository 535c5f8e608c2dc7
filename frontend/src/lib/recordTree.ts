// The breakdown of a request into sub-requirements is a tree (a record's
// parentId names its parent); sub-requirements and tasks depend on siblings.
// These helpers lay the tree out as rows and name dependencies.
import type { StageRecord } from '../api/records'
import type { Process } from '../api/types'
import { openTask } from './process'

/** TreeRow is a record placed in the tree: its depth and how many children it has. */
export interface TreeRow<R> {
  record: R
  depth: number
  children: number
}

interface Node {
  id: string
  parentId: string
}

/**
 * flattenTree lays records out depth first, each parent before its children,
 * siblings in the order given. A record whose parent is missing (or that
 * sits in a loop of parents) is shown at the top level rather than lost.
 */
export function flattenTree<R extends Node>(records: readonly R[]): TreeRow<R>[] {
  const ids = new Set(records.map((r) => r.id))
  const kids = new Map<string, R[]>()
  const roots: R[] = []
  for (const r of records) {
    if (r.parentId && ids.has(r.parentId) && r.parentId !== r.id) {
      const list = kids.get(r.parentId) ?? []
      list.push(r)
      kids.set(r.parentId, list)
    } else roots.push(r)
  }
  const out: TreeRow<R>[] = []
  const placed = new Set<string>()
  const walk = (r: R, depth: number) => {
    if (placed.has(r.id)) return
    placed.add(r.id)
    const children = kids.get(r.id) ?? []
    out.push({ record: r, depth, children: children.length })
    for (const c of children) walk(c, depth + 1)
  }
  for (const r of roots) walk(r, 0)
  for (const r of records) walk(r, 0)
  return out
}

/** siblingsOf returns the records sharing r's parent, r itself excluded: what r may depend on. */
export function siblingsOf<R extends Node>(records: readonly R[], parentId: string, selfId = ''): R[] {
  return records.filter((x) => x.parentId === parentId && x.id !== selfId)
}

/** dependencyNames names the records ids refer to by their titles; ids no longer found are left out. */
export function dependencyNames(
  records: readonly StageRecord<'sub_requirement' | 'task'>[],
  ids: readonly string[],
): string[] {
  const out: string[] = []
  for (const id of ids) {
    const r = records.find((x) => x.id === id)
    if (r) out.push(r.body.title)
  }
  return out
}

/** openDependencies names what ids refer to that is not finished yet (done, or cancelled for tasks: lib/process openTask). */
export function openDependencies(
  records: readonly StageRecord<'sub_requirement' | 'task'>[],
  ids: readonly string[],
  rules: Process | null | undefined,
): string[] {
  const out: string[] = []
  for (const id of ids) {
    const r = records.find((x) => x.id === id)
    if (r && openTask(rules, r.body.status)) out.push(r.body.title)
  }
  return out
}
