import { describe, expect, it } from 'vitest'
import type { RequestState, Transition } from '../api/types'
import rules from '../test/process.json'
import { pathOf, stageOfStatus, stageTimeline } from './stages'

const table = rules.statuses

function state(p: Partial<RequestState> = {}): RequestState {
  return { path: 'full', greenChannel: false, heldFrom: '', followUpOn: '', statusReason: '', duplicateOf: '', reopenCount: 0, ...p }
}

let n = 0
function tr(action: string, from: string, to: string, comment = ''): Transition {
  n++
  return { id: `t${n}`, at: `2026-03-${String(10 + n).padStart(2, '0')}T02:00:00Z`, actor: '王强', action, from, to, comment }
}

const created = '2026-03-10T01:00:00Z'

describe('stageTimeline', () => {
  it('places a new request at registration', () => {
    const tl = stageTimeline('registered', state(), [], created, table)
    expect(tl.path).toBe('full')
    expect(tl.stages.map((s) => s.key)).toEqual([
      'register', 'triage', 'assign', 'analysis', 'plan', 'review', 'confirm', 'implementation', 'delivery', 'feedback', 'archive',
    ])
    expect(tl.current).toBe(0)
    expect(tl.stages[0]).toMatchObject({ state: 'current', status: 'registered', enteredAt: created })
    expect(tl.stages[1]?.state).toBe('todo')
    expect(tl.next).toBe('triage')
    expect(tl.side).toBeNull()
  })

  it('marks passed stages done with the time they were left', () => {
    const trs = [
      tr('triage', 'registered', 'triaged'),
      tr('assign', 'triaged', 'assigned'),
      tr('start', 'assigned', 'analysis'),
      tr('ask_analysis_ok', 'analysis', 'analysis_confirm'),
    ]
    const tl = stageTimeline('analysis_confirm', state(), trs, created, table)
    expect(tl.current).toBe(3)
    expect(tl.stages.slice(0, 3).map((s) => s.state)).toEqual(['done', 'done', 'done'])
    expect(tl.stages[0]?.doneAt).toBe(trs[0]?.at)
    // Two statuses of one stage: the stage is current, showing the status within it.
    expect(tl.stages[3]).toMatchObject({ key: 'analysis', state: 'current', status: 'analysis_confirm', enteredAt: trs[2]?.at })
    expect(tl.next).toBe('plan')
  })

  it('shows the short path', () => {
    const trs = [tr('triage', 'registered', 'triaged'), tr('assign', 'triaged', 'assigned'), tr('start', 'assigned', 'handling')]
    const tl = stageTimeline('handling', state({ path: 'short' }), trs, created, table)
    expect(tl.stages.map((s) => s.key)).toEqual(['register', 'triage', 'assign', 'handling', 'result', 'feedback', 'archive'])
    expect(tl.current).toBe(3)
    expect(tl.next).toBe('result')
  })

  it('treats a request without a path as the full path', () => {
    expect(pathOf(state({ path: '' }))).toBe('full')
    expect(pathOf(null)).toBe('full')
  })

  it('marks every stage done once archived', () => {
    const trs = [
      tr('triage', 'registered', 'triaged'),
      tr('assign', 'triaged', 'assigned'),
      tr('start', 'assigned', 'handling'),
      tr('give_result', 'handling', 'result_given'),
      tr('send_result', 'result_given', 'feedback'),
      tr('archive', 'feedback', 'archived'),
    ]
    const tl = stageTimeline('archived', state({ path: 'short' }), trs, created, table)
    expect(tl.stages.every((s) => s.state === 'done')).toBe(true)
    expect(tl.stages.at(-1)?.enteredAt).toBe(trs[5]?.at)
    expect(tl.next).toBeNull()
  })

  it('keeps the stages a reopened request had passed as visited', () => {
    const trs = [
      tr('triage', 'registered', 'triaged'),
      tr('assign', 'triaged', 'assigned'),
      tr('start', 'assigned', 'handling'),
      tr('give_result', 'handling', 'result_given'),
      tr('send_result', 'result_given', 'feedback'),
      tr('reopen', 'feedback', 'handling', '仍无法登录'),
    ]
    const tl = stageTimeline('handling', state({ path: 'short', reopenCount: 1 }), trs, created, table)
    expect(tl.current).toBe(3)
    expect(tl.stages[4]).toMatchObject({ key: 'result', state: 'todo', visited: true })
    expect(tl.stages[6]).toMatchObject({ key: 'archive', state: 'todo', visited: false })
  })

  it('shows where an on-hold request stopped, why, and when to look again', () => {
    const trs = [tr('triage', 'registered', 'triaged'), tr('hold', 'triaged', 'on_hold', '资源不足')]
    const tl = stageTimeline('on_hold', state({ heldFrom: 'triaged', followUpOn: '2026-06-01', statusReason: '资源不足' }), trs, created, table)
    expect(tl.current).toBe(1)
    expect(tl.stages[1]).toMatchObject({ state: 'current', status: 'triaged' })
    expect(tl.side).toEqual({ status: 'on_hold', from: 'triaged', at: trs[1]?.at, reason: '资源不足', followUpOn: '2026-06-01' })
    expect(tl.next).toBe('assign')
  })

  it('shows where a rejected request ended and has no next stage', () => {
    const trs = [tr('reject', 'registered', 'rejected', '重复登记')]
    const tl = stageTimeline('rejected', state({ statusReason: '重复登记' }), trs, created, table)
    expect(tl.current).toBe(0)
    expect(tl.side).toMatchObject({ status: 'rejected', from: 'registered', reason: '重复登记' })
    expect(tl.next).toBeNull()
  })

  it('places a short request switched to the full path in analysis', () => {
    const trs = [
      tr('triage', 'registered', 'triaged'),
      tr('assign', 'triaged', 'assigned'),
      tr('start', 'assigned', 'handling'),
      tr('switch_full_path', 'handling', 'analysis', '需要定制开发'),
    ]
    const tl = stageTimeline('analysis', state({ path: 'full' }), trs, created, table)
    expect(tl.current).toBe(3)
    expect(tl.stages[2]?.state).toBe('done')
  })
})

describe('stageOfStatus', () => {
  it('names the stage of a status on a path', () => {
    expect(stageOfStatus('full', 'plan_approval', table)).toBe('review')
    expect(stageOfStatus('short', 'result_given', table)).toBe('result')
    expect(stageOfStatus('short', 'plan_review', table)).toBeNull()
    expect(stageOfStatus('full', 'on_hold', table)).toBeNull()
  })
})
