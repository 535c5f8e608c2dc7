// What every panel of the request workspace shares: the loaded request, its
// decoded stage records, whether it is read-only, and how to reload it after
// a change (moves and record saves change versions and the next steps).
import { inject, provide, type ComputedRef, type InjectionKey } from 'vue'
import type { RequestHistory } from '../../api/links'
import type { StageRecord } from '../../api/records'
import type { RequestDetail } from '../../api/types'

export interface Workspace {
  detail: ComputedRef<RequestDetail>
  records: ComputedRef<StageRecord[]>
  /** readOnly is true once the request is archived, rejected or cancelled. */
  readOnly: ComputedRef<boolean>
  reload: () => Promise<void>
  /** related are the request's links and its customer's and contact's history (null while loading). */
  related?: ComputedRef<RequestHistory | null>
  reloadRelated?: () => Promise<void>
}

const key: InjectionKey<Workspace> = Symbol('workspace')

export function provideWorkspace(ws: Workspace) {
  provide(key, ws)
}

export function useWorkspace(): Workspace {
  const ws = inject(key)
  if (!ws) throw new Error('useWorkspace outside the request workspace')
  return ws
}
