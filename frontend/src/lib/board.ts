// The board's columns: every open stage, or only those of one path.
import type { BoardColumn, StatusInfo } from '../api/types'
import { pathStages } from './stages'

export type BoardScope = 'all' | 'full' | 'short'
export const boardScopes: readonly BoardScope[] = ['all', 'full', 'short']

/**
 * columnsInScope keeps the columns of the scope's path (on hold belongs to
 * both), in the order given; which status is of which path is the status table's.
 */
export function columnsInScope(columns: readonly BoardColumn[], scope: BoardScope, table: readonly StatusInfo[]): BoardColumn[] {
  if (scope === 'all') return [...columns]
  const statuses = new Set(pathStages(table, scope).flatMap((s) => s.statuses))
  return columns.filter((c) => statuses.has(c.status) || c.status === 'on_hold')
}
