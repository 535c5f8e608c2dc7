import { describe, expect, it } from 'vitest'
import type { BoardColumn } from '../api/types'
import rules from '../test/process.json'
import { columnsInScope } from './board'

const table = rules.statuses

const open = [
  'registered', 'triaged', 'assigned', 'analysis', 'analysis_confirm', 'plan_drafting', 'plan_review', 'plan_approval',
  'plan_confirm', 'implementation', 'acceptance', 'handling', 'result_given', 'feedback', 'on_hold',
]
const cols: BoardColumn[] = open.map((status) => ({ status, total: 0, items: [] }))

describe('columnsInScope', () => {
  it('shows every open stage by default', () => {
    expect(columnsInScope(cols, 'all', table).map((c) => c.status)).toEqual(open)
  })

  it('shows the stages of the short path and the on-hold column', () => {
    expect(columnsInScope(cols, 'short', table).map((c) => c.status)).toEqual([
      'registered', 'triaged', 'assigned', 'handling', 'result_given', 'feedback', 'on_hold',
    ])
  })

  it('leaves the short path\'s own stages out of the full path', () => {
    const full = columnsInScope(cols, 'full', table).map((c) => c.status)
    expect(full).not.toContain('handling')
    expect(full).not.toContain('result_given')
    expect(full).toContain('plan_approval')
    expect(full.at(-1)).toBe('on_hold')
  })
})
