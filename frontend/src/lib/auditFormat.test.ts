import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../api/types'
import { translator } from '../test/i18n'
import { actionLabel, decodeJSON, entrySummary, expandChanges, fieldLabel, formatValue, showChanges } from './auditFormat'

const zh = translator('zh-CN')
const en = translator('en')

const beforeFields = {
  customerId: 'c-1',
  contactId: 'k-1',
  contactName: '吴杰',
  contactInfo: '16351677976',
  channel: '在线表单',
  type: '现有功能优化',
  urgency: 'normal',
  impactScope: 'multi',
  title: '合并重复的客户资料',
  scene: '',
  receivedAt: '2026-11-19T16:38:52Z',
  owner: '赵磊',
}

// The shape the backend records today: the whole nested "fields" object per side.
const update: AuditEntry = {
  id: 'a-2',
  at: '2026-11-22T11:13:59.159Z',
  actor: '李娜',
  entity: 'request',
  entityId: 'r-1',
  action: 'update',
  changes: [
    {
      field: 'fields',
      before: JSON.stringify(beforeFields),
      after: JSON.stringify({
        ...beforeFields,
        contactId: 'k-2',
        urgency: 'urgent',
        title: '合并重复的客户资料（含历史数据）',
        scene: '每月初对账时',
        receivedAt: '2026-11-19T01:05:00Z',
        owner: '',
      }),
    },
  ],
}

describe('decodeJSON', () => {
  it('decodes values and keeps an absent side absent', () => {
    expect(decodeJSON('"紧急"')).toBe('紧急')
    expect(decodeJSON('3')).toBe(3)
    expect(decodeJSON('null')).toBeNull()
    expect(decodeJSON('')).toBeUndefined()
    expect(decodeJSON('not json')).toBe('not json')
  })
})

describe('expandChanges', () => {
  it('compares a nested object field by field and hides identifiers', () => {
    const got = expandChanges(update.changes).map((c) => c.field)
    expect(got).toEqual(['urgency', 'title', 'scene', 'receivedAt', 'owner'])
  })

  it('keeps flat changes as they are', () => {
    const got = expandChanges([
      { field: 'customerName', before: '"甲公司"', after: '"乙公司"' },
      { field: 'version', before: '1', after: '2' },
      { field: 'notes', before: '""', after: 'null' },
    ])
    expect(got).toEqual([{ field: 'customerName', before: '甲公司', after: '乙公司' }])
  })

  it('names dotted fields by their last part', () => {
    expect(expandChanges([{ field: 'fields.title', before: '"a"', after: '"b"' }])[0]?.field).toBe('title')
  })
})

describe('showChanges', () => {
  it('labels fields and formats values for reading', () => {
    const got = showChanges(zh, update)
    expect(got).toEqual([
      { field: 'urgency', label: '紧急程度', before: '一般', after: '紧急' },
      { field: 'title', label: '需求描述(简要)', before: '合并重复的客户资料', after: '合并重复的客户资料（含历史数据）' },
      { field: 'scene', label: '发生场景', before: '（空）', after: '每月初对账时' },
      // Asia/Shanghai (set in the test setup) is UTC+8.
      { field: 'receivedAt', label: '接收时间', before: '2026-11-20 00:38', after: '2026-11-19 09:05' },
      { field: 'owner', label: '负责人', before: '赵磊', after: '（空）' },
    ])
  })

  it('speaks English too', () => {
    const got = showChanges(en, update)
    expect(got[0]).toEqual({ field: 'urgency', label: 'Urgency', before: 'Normal', after: 'Urgent' })
  })

  it('labels a contact change with the contact labels', () => {
    const got = showChanges(zh, {
      entity: 'contact',
      changes: [{ field: 'phone', before: '"5678"', after: '"010-12345678"' }],
    })
    expect(got).toEqual([{ field: 'phone', label: '电话', before: '5678', after: '010-12345678' }])
  })
})

describe('formatValue', () => {
  it('shows unknown enum codes as they are', () => {
    expect(formatValue(zh, 'status', 'in_analysis')).toBe('in_analysis')
    expect(formatValue(zh, 'status', 'registered')).toBe('已登记')
  })

  it('shows impact scopes, booleans and lists', () => {
    expect(formatValue(zh, 'impactScope', 'business_line')).toBe('全业务线')
    expect(formatValue(zh, 'active', false)).toBe('已停用')
    expect(formatValue(zh, 'order', ['a', 'b'])).toBe('a、b')
  })
})

describe('labels', () => {
  it('falls back to the raw field name', () => {
    expect(fieldLabel(zh, 'request', 'mystery')).toBe('mystery')
    expect(actionLabel(zh, 'update')).toBe('修改')
    expect(actionLabel(zh, 'archive')).toBe('archive')
  })
})

describe('entrySummary', () => {
  it('names the stage record an entry is about', () => {
    const created = {
      entity: 'record',
      action: 'create',
      changes: [{ field: 'kind', before: '', after: '"communication"' }],
    }
    expect(entrySummary(zh, created)).toBe('添加了沟通记录')
    expect(entrySummary(en, created)).toBe('added a communication')
    expect(entrySummary(zh, { entity: 'record', action: 'update', changes: [{ field: 'body', before: '{}', after: '{"a":1}' }] })).toBe(
      '修改了阶段记录',
    )
  })

  it('summarises creations and leaves updates to their changes', () => {
    expect(entrySummary(zh, { entity: 'request', action: 'create', changes: [] })).toBe('登记了这条需求')
    expect(entrySummary(zh, { entity: 'contact', action: 'create', changes: [] })).toBe('添加了联系人')
    expect(entrySummary(zh, { entity: 'person', action: 'create', changes: [] })).toBe('创建了记录')
    expect(entrySummary(zh, { entity: 'request', action: 'update', changes: [] })).toBe('')
  })

  it('shows a lifecycle move through status and state labels', () => {
    const got = showChanges(zh, {
      entity: 'request',
      changes: [
        { field: 'status', before: '"registered"', after: '"on_hold"' },
        {
          field: 'state',
          before: '{"path":"full","heldFrom":"","duplicateOf":""}',
          after: '{"path":"short","heldFrom":"registered","duplicateOf":"r-9"}',
        },
      ],
    })
    expect(got).toEqual([
      { field: 'status', label: '状态', before: '已登记', after: '暂不可执行' },
      { field: 'path', label: '处理路径', before: '完整流程', after: '简易流程' },
      { field: 'heldFrom', label: '暂停前状态', before: '（空）', after: '已登记' },
    ])
  })
})

describe('history lines speak the UI language', () => {
  // A step as the backend records it: the request's fields plus the step and its comment.
  const move: AuditEntry = {
    id: 'a-9',
    at: '2026-11-23T10:00:00Z',
    actor: '李娜',
    entity: 'request',
    entityId: 'r-1',
    action: 'update',
    changes: [
      { field: 'status', before: '"feedback"', after: '"archived"' },
      { field: 'moveAction', before: '', after: '"archive"' },
      { field: 'moveComment', before: '', after: '"客户满意"' },
      { field: 'version', before: '7', after: '8' },
    ],
  }

  it('names the step and keeps its raw fields out of the changes', () => {
    expect(entrySummary(zh, move)).toBe('执行了“归档”，说明：客户满意')
    expect(entrySummary(en, move)).toBe('Took the step “Archive”; comment: 客户满意')
    const shown = showChanges(zh, move)
    expect(shown.map((c) => c.field)).toEqual(['status'])
    expect(shown[0]).toMatchObject({ label: '状态', before: '待满意度反馈', after: '已归档' })
  })

  it('says which document was generated and what changed on it', () => {
    const doc = { type: 'plan_book', title: '服务方案书', version: 2, status: 'generated', sha256: 'ab', latest: true }
    const created: AuditEntry = {
      id: 'a-10',
      at: '2026-11-23T10:00:00Z',
      actor: '李娜',
      entity: 'document',
      entityId: 'r-1',
      action: 'create',
      changes: Object.entries(doc).map(([k, v]) => ({ field: k, before: '', after: JSON.stringify(v) })),
    }
    expect(entrySummary(zh, created)).toBe('生成了《服务方案书》第 2 版')
    expect(entrySummary(en, created)).toBe('Generated “Service plan” version 2')
    const signed: AuditEntry = {
      ...created,
      action: 'update',
      changes: [
        { field: 'type', before: '"plan_book"', after: '"plan_book"' },
        { field: 'version', before: '2', after: '2' },
        { field: 'status', before: '"generated"', after: '"signed_on_screen"' },
        { field: 'signatures', before: '[]', after: '[{"role":"customer"}]' },
        { field: 'sha256', before: '"ab"', after: '"cd"' },
      ],
    }
    expect(showChanges(zh, signed)).toEqual([{ field: 'status', label: '状态', before: '已生成', after: '已屏幕签字' }])
  })
})
