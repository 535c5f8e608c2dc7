// 我的工作 grouped by what is to be done, in the order it is usually done
// (request.WorkKinds): triage and assignment first, approvals and reviews
// (others wait on them), one's own requests, tasks, and requests on hold.
// The server sends each group ordered by what is due first.
import type { WorkItem } from '../api/types'

export type WorkKind = 'triage' | 'assign' | 'approve' | 'review' | 'own' | 'task' | 'follow_up'
export const workKinds: readonly WorkKind[] = ['triage', 'assign', 'approve', 'review', 'own', 'task', 'follow_up']

export interface WorkGroup {
  kind: string
  items: WorkItem[]
}

/** groupWork groups items by kind in workKinds order (kinds this client does not know last), keeping each group's order. */
export function groupWork(items: readonly WorkItem[]): WorkGroup[] {
  const byKind = new Map<string, WorkItem[]>()
  for (const it of items) {
    const list = byKind.get(it.kind) ?? []
    list.push(it)
    byKind.set(it.kind, list)
  }
  const order = [...workKinds, ...[...byKind.keys()].filter((k) => !(workKinds as readonly string[]).includes(k))]
  return order.filter((k) => byKind.has(k)).map((kind) => ({ kind, items: byKind.get(kind) ?? [] }))
}
