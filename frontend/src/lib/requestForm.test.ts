import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../api/types'
import {
  changedFields,
  charCount,
  checkForm,
  emptyForm,
  fromRecord,
  normalizePhone,
  parseTime,
  rebase,
  toFields,
  validPhone,
} from './requestForm'

const now = Date.UTC(2026, 2, 15, 6, 30)

function filled() {
  return {
    ...emptyForm(now, '李娜'),
    customerId: 'c-1',
    customerName: '科技有限公司',
    channel: '电话',
    type: '技术咨询',
    title: '咨询系统对接方案',
  }
}

describe('checkForm', () => {
  it('accepts a complete form', () => {
    expect(checkForm(filled(), now)).toEqual([])
  })

  it('reports the required fields with the backend keys', () => {
    const f = { ...emptyForm(now, ''), urgency: '' as const, receivedAt: null }
    expect(checkForm(f, now).map((e) => `${e.field}:${e.key}`)).toEqual([
      'customerId:required',
      'title:required',
      'channel:required',
      'type:required',
      'urgency:required',
      'receivedBy:required',
      'receivedAt:required',
    ])
  })

  it('counts characters, not UTF-16 units', () => {
    expect(charCount('𠮷野家')).toBe(3)
    expect(checkForm({ ...filled(), title: '𠮷'.repeat(200) }, now)).toEqual([])
    expect(checkForm({ ...filled(), title: '需'.repeat(201) }, now)).toEqual([
      { field: 'title', key: 'too_long', params: { max: 200 } },
    ])
  })

  it('checks the contact information as phone or email', () => {
    expect(checkForm({ ...filled(), contactInfo: '5678' }, now)).toEqual([])
    expect(checkForm({ ...filled(), contactInfo: 'zhang@example.com' }, now)).toEqual([])
    expect(checkForm({ ...filled(), contactInfo: 'zhang@' }, now)).toEqual([{ field: 'contactInfo', key: 'email_invalid' }])
    expect(checkForm({ ...filled(), contactInfo: '找张经理' }, now)).toEqual([
      { field: 'contactInfo', key: 'contact_info_invalid' },
    ])
  })

  it('refuses a receipt time in the future or before 2000', () => {
    expect(checkForm({ ...filled(), receivedAt: now + 4 * 60_000 }, now)).toEqual([])
    expect(checkForm({ ...filled(), receivedAt: now + 6 * 60_000 }, now)).toEqual([{ field: 'receivedAt', key: 'in_future' }])
    expect(checkForm({ ...filled(), receivedAt: Date.UTC(1999, 5, 1) }, now)).toEqual([
      { field: 'receivedAt', key: 'too_early' },
    ])
  })
})

describe('phones', () => {
  it.each([
    ['5678', true],
    ['13800138000', true],
    ['010-12345678转123', true],
    ['010-12345678 转 123', true],
    ['010-12345678 分机 123', true],
    ['010-12345678分机号123', true],
    ['021-55550000 ext. 123', true],
    ['021-55550000 EXT 123', true],
    ['010-12345678 转', false],
    ['+86 (21) 5555 0000', true],
    ['０１０－１２３４５６７８', true],
    ['12', false],
    ['phone', false],
    ['123456789012345678901', false],
  ])('%s valid: %s', (phone, want) => {
    expect(validPhone(phone)).toBe(want)
  })

  it('folds full-width characters', () => {
    expect(normalizePhone('（０１０）１２３４　５６７８')).toBe('(010)1234 5678')
  })
})

describe('conversion', () => {
  it('sends the receipt time as an ISO string', () => {
    const f = toFields(filled())
    expect(f.receivedAt).toBe('2026-03-15T06:30:00.000Z')
    expect(f).not.toHaveProperty('customerName')
  })

  it('reads a stored request back into a form', () => {
    const r: RequestRecord = {
      id: 'r-1',
      number: 'XR-2026-001',
      status: 'registered',
      customerName: '科技有限公司',
      createdAt: '2026-03-15T06:31:00Z',
      updatedAt: '2026-03-15T06:31:00Z',
      version: 1,
      state: { path: 'full', greenChannel: false, heldFrom: '', followUpOn: '', statusReason: '', duplicateOf: '', reopenCount: 0 },
      fields: { ...toFields(filled()), urgency: 'urgent', impactScope: 'bogus', receivedAt: '2026-03-15T06:30:00Z' },
    }
    const f = fromRecord(r)
    expect(f.customerName).toBe('科技有限公司')
    expect(f.urgency).toBe('urgent')
    expect(f.impactScope).toBe('')
    expect(f.receivedAt).toBe(now)
  })

  it('treats Go zero times as unset', () => {
    expect(parseTime('0001-01-01T00:00:00Z')).toBeNull()
    expect(parseTime('')).toBeNull()
  })
})

describe('rebase', () => {
  it('keeps my edits and takes the newer values elsewhere', () => {
    const base = filled()
    const mine = { ...base, title: '咨询系统对接方案（补充接口文档）' }
    const theirs = { ...base, urgency: 'urgent' as const, owner: '赵磊' }
    const { form, overlap } = rebase(base, mine, theirs)
    expect(form.title).toBe('咨询系统对接方案（补充接口文档）')
    expect(form.urgency).toBe('urgent')
    expect(form.owner).toBe('赵磊')
    expect(overlap).toEqual([])
  })

  it('reports fields both changed to different values', () => {
    const base = filled()
    const mine = { ...base, title: 'A', owner: '王强' }
    const theirs = { ...base, title: 'B', owner: '王强' }
    const { form, overlap } = rebase(base, mine, theirs)
    expect(form.title).toBe('A')
    expect(overlap).toEqual(['title'])
  })

  it('follows the customer chosen', () => {
    const base = filled()
    const mine = { ...base, customerId: 'c-2', customerName: '新客户' }
    const theirs = { ...base, customerName: '科技有限公司（改名）' }
    expect(rebase(base, mine, theirs).form.customerName).toBe('新客户')
    expect(rebase(base, base, theirs).form.customerName).toBe('科技有限公司（改名）')
  })

  it('lists changed fields', () => {
    expect(changedFields(filled(), { ...filled(), category: '服务类', customerName: 'x' })).toEqual(['category'])
  })
})
