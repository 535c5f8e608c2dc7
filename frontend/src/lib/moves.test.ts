import { describe, expect, it } from 'vitest'
import type { MoveOption } from '../api/types'
import { translator } from '../test/i18n'
import {
  blockedReason,
  blockedText,
  checkMove,
  emptyMoveForm,
  expectedOption,
  groupOptions,
  moveActions,
  moveSpecs,
  needsDialog,
  optionForTarget,
  specOf,
  stepsText,
  toMove,
} from './moves'

const opt = (action: string, to: string, blocked = '', expected = false): MoveOption => ({ action, name: action, to, blocked, expected })

describe('expectedOption', () => {
  // After 分类定级 a triaged request may be triaged again, but the process
  // expects the owner next: the backend marks assign, not the step just taken.
  it('highlights the step the backend marks, not the first one offered', () => {
    const options = [opt('triage', 'triaged'), opt('assign', 'assigned', '', true), opt('hold', 'on_hold')]
    expect(expectedOption(options)?.action).toBe('assign')
  })

  it('highlights nothing when the expected step is blocked', () => {
    expect(expectedOption([opt('triage', 'triaged'), opt('deliver', 'acceptance', '还有 1 项', true)])).toBeNull()
  })
})

describe('blockedText', () => {
  const blocked: MoveOption = {
    ...opt('plan_ok', 'implementation', '请先在“实施”页的“服务团队”中添加成员，并指定一位组长'),
    reason: { key: 'guard_team_lead_required' },
  }
  it('translates the reason key in both languages', () => {
    expect(blockedText(blocked, translator('zh-CN'))).toBe('请先在“实施”页的“服务团队”中添加成员，并指定一位组长')
    expect(blockedText(blocked, translator('en'))).toContain('Service team')
  })
  it('keeps Chinese off an English screen when no key came', () => {
    expect(blockedText(opt('deliver', 'acceptance', '还有 1 项'), translator('en'))).not.toMatch(/\p{Script=Han}/u)
  })
})

describe('stepsText', () => {
  it('names the steps possible now and where they lead', () => {
    const options = [opt('assign', 'assigned'), opt('deliver', 'acceptance', '还有 1 项'), opt('hold', 'on_hold')]
    expect(stepsText(options, translator('zh-CN'))).toBe('分配负责人（→ 已分配）、暂不可执行（→ 暂不可执行）')
    expect(stepsText(options, translator('en'))).not.toMatch(/\p{Script=Han}/u)
  })
})

describe('blockedReason', () => {
  it('passes on what the backend says blocks a step', () => {
    expect(blockedReason(opt('deliver', 'acceptance', '还有 1 项实施任务未完成'))).toBe('还有 1 项实施任务未完成')
    expect(blockedReason(opt('start', 'analysis'))).toBe('')
  })

  it('does not block triage and assign on the inputs their dialog asks for', () => {
    expect(blockedReason(opt('triage', 'triaged', '请先选择负责部门'))).toBe('')
    expect(blockedReason(opt('assign', 'assigned', '请指定需求负责人'))).toBe('')
  })
})

describe('optionForTarget', () => {
  const options = [
    opt('deliver', 'acceptance', '请先填写交付内容'),
    opt('hold', 'on_hold'),
    opt('cancel', 'cancelled'),
  ]
  it('finds the step a drop on a column means', () => {
    expect(optionForTarget(options, 'on_hold')?.action).toBe('hold')
    expect(optionForTarget(options, 'acceptance')).toMatchObject({ action: 'deliver', blocked: '请先填写交付内容' })
  })

  it('returns null when no step leads there', () => {
    expect(optionForTarget(options, 'feedback')).toBeNull()
    expect(optionForTarget(null, 'feedback')).toBeNull()
  })

  it('prefers a step that can be taken when two lead to the same status', () => {
    const two = [opt('revise_plan', 'plan_drafting', '只有总经理可以审批方案'), opt('decline', 'plan_drafting', '只有总经理可以审批方案'), opt('x', 'plan_drafting')]
    expect(optionForTarget(two, 'plan_drafting')?.action).toBe('x')
  })
})

describe('groupOptions', () => {
  it('splits steps by tone in the backend order', () => {
    const g = groupOptions([opt('approve', 'plan_confirm'), opt('decline', 'plan_drafting'), opt('hold', 'on_hold'), opt('cancel', 'cancelled'), opt('revise_plan', 'plan_drafting')])
    expect(g.forward.map((o) => o.action)).toEqual(['approve'])
    expect(g.back.map((o) => o.action)).toEqual(['decline', 'revise_plan'])
    expect(g.aside.map((o) => o.action)).toEqual(['hold'])
    expect(g.end.map((o) => o.action)).toEqual(['cancel'])
  })
})

describe('move specs', () => {
  it('cover every action', () => {
    for (const a of moveActions) expect(moveSpecs[a], a).toBeDefined()
  })

  it('ask an unknown action for an optional comment', () => {
    expect(specOf('teleport')).toMatchObject({ fields: ['comment'], required: [] })
  })

  it('take simple steps at once and ask before others', () => {
    expect(needsDialog('submit_review')).toBe(false)
    expect(needsDialog('triage')).toBe(true)
    expect(needsDialog('archive')).toBe(true)
  })
})

describe('checkMove', () => {
  it('names the missing required inputs', () => {
    const f = emptyMoveForm()
    expect(checkMove('hold', f)).toEqual([
      { field: 'reason', key: 'required' },
      { field: 'followUp', key: 'required' },
    ])
    expect(checkMove('revise_plan', { ...f, comment: '   ' })).toEqual([{ field: 'comment', key: 'required' }])
    expect(checkMove('reject', { ...f, reason: '重复登记' })).toEqual([])
    expect(checkMove('submit_review', f)).toEqual([])
  })
})

describe('toMove', () => {
  it('sends only the inputs of the step, trimmed', () => {
    const f = { ...emptyMoveForm(), department: '技术支持部', path: 'short' as const, greenChannel: true, comment: ' 转交技术 ', owner: '王强', reason: 'x' }
    expect(toMove('triage', f)).toEqual({
      action: 'triage',
      comment: '转交技术',
      reason: '',
      duplicateOf: '',
      owner: '',
      department: '技术支持部',
      path: 'short',
      greenChannel: true,
    })
  })

  it('sends the follow-up day as local noon and leaves it out otherwise', () => {
    const day = new Date(2026, 5, 1).getTime()
    const m = toMove('hold', { ...emptyMoveForm(), reason: '资源不足', followUp: day })
    expect(m.followUp).toBe(new Date(2026, 5, 1, 12).toISOString())
    expect(m.reason).toBe('资源不足')
    expect('followUp' in toMove('cancel', { ...emptyMoveForm(), reason: 'x', followUp: day })).toBe(false)
  })

  it('passes a duplicate number on a rejection', () => {
    expect(toMove('reject', { ...emptyMoveForm(), reason: '重复', duplicateOf: ' XR-2026-001 ' }).duplicateOf).toBe('XR-2026-001')
  })
})
