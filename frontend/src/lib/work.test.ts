import { describe, expect, it } from 'vitest'
import type { WorkItem } from '../api/types'
import { groupWork } from './work'

const item = (kind: string, number: string): WorkItem => ({
  kind,
  requestId: number,
  number,
  title: '',
  customer: '',
  status: 'registered',
  urgency: 'normal',
  detail: '',
  due: '',
  updatedAt: '',
})

describe('groupWork', () => {
  it('groups by kind in the order work is done, keeping each group\'s order', () => {
    const g = groupWork([item('own', 'A'), item('task', 'B'), item('triage', 'C'), item('own', 'D'), item('approve', 'E'), item('assign', 'F')])
    expect(g.map((x) => x.kind)).toEqual(['triage', 'assign', 'approve', 'own', 'task'])
    expect(g.find((x) => x.kind === 'own')?.items.map((x) => x.number)).toEqual(['A', 'D'])
  })

  it('puts kinds it does not know last and drops empty groups', () => {
    expect(groupWork([item('audit', 'X'), item('review', 'Y')]).map((x) => x.kind)).toEqual(['review', 'audit'])
    expect(groupWork([])).toEqual([])
  })
})
