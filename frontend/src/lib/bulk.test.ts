import { describe, expect, it } from 'vitest'
import type { BulkItem } from '../api/types'
import { translator } from '../test/i18n'
import { bulkFields, bulkReason, checkBulk, emptyBulkForm, selectionSize, toBulk } from './bulk'

const zh = translator('zh-CN')
const en = translator('en')

describe('checkBulk', () => {
  it('asks for what each action needs', () => {
    const f = emptyBulkForm()
    expect(checkBulk('assign', f).map((e) => e.field)).toEqual(['owner'])
    expect(checkBulk('classify', f).map((e) => e.field)).toEqual(['department', 'path'])
    expect(checkBulk('urgency', f).map((e) => e.field)).toEqual(['urgency'])
    expect(checkBulk('step', f).map((e) => e.field)).toEqual(['step'])
    f.step = 'cancel'
    expect(checkBulk('step', f).map((e) => e.field)).toEqual(['reason'])
    f.reason = '客户撤回'
    expect(checkBulk('step', f)).toEqual([])
  })

  it('shows the step’s own inputs, never a duplicate link', () => {
    expect(bulkFields('step', 'reject')).toEqual(['step', 'reason'])
    expect(bulkFields('step', 'hold')).toEqual(['step', 'reason', 'followUp'])
  })
})

describe('toBulk', () => {
  it('sends the rows ticked, or the whole filter from its first row', () => {
    const f = emptyBulkForm()
    f.owner = '李娜'
    const byIds = toBulk('assign', f, { ids: ['a', 'b'] })
    expect(byIds).toMatchObject({ ids: ['a', 'b'], kind: 'assign', move: { action: 'assign', owner: '李娜' }, urgency: '' })
    expect(byIds.query).toBeUndefined()
    const byQuery = toBulk('urgency', { ...f, urgency: 'urgent' }, { query: { statuses: ['registered'], offset: 50, limit: 50 } as never, count: 7 })
    expect(byQuery).toMatchObject({ ids: [], kind: 'urgency', urgency: 'urgent', query: { statuses: ['registered'], offset: 0, limit: 0 } })
    expect(selectionSize({ query: {} as never, count: 7 })).toBe(7)
  })
})

describe('bulkReason', () => {
  const refused = (error: unknown): BulkItem => ({ id: 'x', number: 'XR-2026-001', done: false, status: 'registered', error }) as BulkItem
  it('says the guard’s reason in the UI language', () => {
    const item = refused({
      code: 'invalid_transition',
      message: '当前状态“已登记”不能执行“分配负责人”',
      key: 'step_not_from_status',
      params: { status: { kind: 'enums.status', code: 'registered', name: '已登记' }, action: { kind: 'enums.moveAction', code: 'assign', name: '分配负责人' }, steps: [] },
    })
    expect(bulkReason(item, zh)).toContain('已登记')
    expect(bulkReason(item, en)).toContain('Registered')
  })
  it('names the fields of refused input', () => {
    const item = refused({ code: 'invalid', message: '输入有误', key: 'check_fields', fields: [{ field: 'channel', key: 'not_in_list' }] })
    expect(bulkReason(item, zh)).toBe('渠道：不在可选列表中，请重新选择')
  })
})
