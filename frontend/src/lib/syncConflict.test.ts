import { describe, expect, it } from 'vitest'
import type { Conflict } from '../api/types'
import { translator } from '../test/i18n'
import { changedFields, conflictReason, conflictTitle, stateRows } from './syncConflict'

const tr = translator('zh-CN')
const en = translator('en')

function conflict(over: Partial<Conflict>): Conflict {
  return {
    id: 'c1',
    commandName: 'request.move',
    summary: '推进需求',
    args: {},
    reason: { code: 'conflict', message: '', key: '' },
    requestId: 'r1',
    requestNumber: 'XR-2026-007',
    serverState: null,
    changedBy: '李娜',
    changedAt: '2026-12-03T07:00:00Z',
    at: '2026-12-02T07:00:00Z',
    text: '',
    ...over,
  }
}

const serverRequest = {
  id: 'r1',
  number: 'XR-2026-007',
  status: 'archived',
  customerName: '华东电力',
  version: 12,
  fields: { customerId: 'c9', title: '打印机驱动', urgency: 'urgent', owner: '李娜', department: '技术部', receivedAt: '2026-12-01T01:30:00Z' },
  state: { greenChannel: true, reopenCount: 0 },
  updatedAt: '2026-12-03T07:00:00Z',
}

describe('conflictTitle', () => {
  it('says a step with its action', () => {
    const c = conflict({ args: { id: 'r1', version: 3, move: { action: 'assign', owner: '张伟' } } })
    expect(conflictTitle(c, tr)).toBe('推进需求：分配负责人')
    expect(conflictTitle(c, en)).toMatch(/^Advance the request: /)
  })

  it('says a field edit with the fields it changed from where it started', () => {
    const c = conflict({
      commandName: 'request.update',
      args: { id: 'r1', fields: { title: '新标题', urgency: 'urgent', owner: '张伟' }, base: { title: '旧标题', urgency: 'urgent', owner: '张伟' } },
    })
    expect(changedFields(c)).toEqual(['title'])
    expect(conflictTitle(c, tr)).toBe('修改需求 需求描述(简要)')
  })

  it('says a stage record with its kind', () => {
    const c = conflict({ commandName: 'record.save', args: { input: { requestId: 'r1', kind: 'feedback', body: {} } } })
    expect(conflictTitle(c, tr)).toBe('保存阶段记录：满意度反馈')
  })

  it("falls back to the backend's summary for a command it does not know", () => {
    expect(conflictTitle(conflict({ commandName: 'future.thing', summary: '新功能' }), tr)).toBe('新功能')
    expect(conflictTitle(conflict({ commandName: 'future.thing', summary: '' }), tr)).toBe('future.thing')
  })
})

describe('conflictReason', () => {
  it('translates the keyed reason with its params', () => {
    const c = conflict({
      reason: {
        code: 'conflict',
        message: '',
        key: 'sync_stale_step',
        params: {
          status: { kind: 'enums.status', code: 'assigned', name: '已指派' },
          from: { kind: 'enums.status', code: 'triaged', name: '已分类' },
          action: { kind: 'enums.moveAction', code: 'assign', name: '指派' },
        },
      },
    })
    expect(conflictReason(c, tr)).toBe('需求已从“已分类”变为“已分配”，您的操作“分配负责人”没有执行')
    expect(conflictReason(c, en)).toMatch(/^The request moved from “Triaged” to “Assigned” meanwhile; your step “.+” was not taken$/)
  })

  it('says a conflict in general words when the reason has no key', () => {
    expect(conflictReason(conflict({ reason: { code: 'conflict', message: '' } }), en)).toBe(en.t('errors.codes.conflict'))
  })
})

describe('stateRows', () => {
  it('lays out the server state in words, what the step depends on first, ids and versions left out', () => {
    const rows = stateRows(conflict({ args: { move: { action: 'assign' } }, serverState: serverRequest }), tr)
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]))
    expect(rows[0]?.key).toBe('status')
    expect(byKey.status).toEqual({ key: 'status', label: '状态', value: '已归档', touched: true })
    expect(byKey.owner).toMatchObject({ label: '负责人', value: '李娜', touched: true })
    expect(byKey.urgency).toMatchObject({ label: '紧急程度', value: '紧急', touched: false })
    expect(byKey.receivedAt?.value).toBe('2026-12-01 09:30')
    expect(byKey.greenChannel?.value).toBe('是')
    for (const k of ['id', 'version', 'customerId']) expect(byKey[k], k).toBeUndefined()
    // Nothing raw: no braces or quotes of JSON.
    for (const r of rows) expect(r.value).not.toMatch(/[{}"]/)
  })

  it('marks the fields the reason names (as Terms), however the edit was sent', () => {
    const c = conflict({
      commandName: 'request.update',
      args: { fields: { title: '新标题', urgency: 'urgent' } },
      reason: {
        code: 'conflict',
        message: '',
        key: 'sync_field_conflict',
        params: { fields: [{ kind: 'fields.request', code: 'urgency', name: '紧急程度' }] },
      },
      serverState: serverRequest,
    })
    expect(changedFields(c)).toEqual(['urgency'])
    expect(stateRows(c, tr).filter((r) => r.touched).map((r) => r.key)).toEqual(['urgency'])
    expect(conflictReason(c, tr)).toBe('以下字段已被其他人改成不同的内容，保留了服务器上的内容：紧急程度')
    expect(conflictReason(c, en)).toBe("These fields were changed differently by someone else; the server's values were kept: Urgency")
  })

  it('marks the fields a field edit changed', () => {
    const c = conflict({
      commandName: 'request.update',
      args: { fields: { title: '新标题', urgency: 'normal' }, base: { title: '旧标题', urgency: 'normal' } },
      serverState: serverRequest,
    })
    const rows = stateRows(c, tr)
    expect(rows[0]).toEqual({ key: 'title', label: '需求描述(简要)', value: '打印机驱动', touched: true })
    expect(rows.filter((r) => r.touched).map((r) => r.key)).toEqual(['title'])
  })

  it('shows nothing for a state the server no longer has', () => {
    expect(stateRows(conflict({ serverState: null }), tr)).toEqual([])
  })
})
