import { describe, expect, it, vi } from 'vitest'
import type { Customer, CustomerDetail, CustomerMerged } from '../api/types'
import { translator } from '../test/i18n'
import { canMergeCustomers, mergeConfirm, mergeDuplicate, mergedMessage } from './duplicates'

const zh = translator('zh-CN')
const en = translator('en')

function customer(id: string, name: string, contactCount: number, requestCount: number): Customer {
  return {
    id,
    name,
    industry: '',
    address: '',
    notes: '',
    contactCount,
    requestCount,
    duplicates: 1,
    createdAt: '2026-11-01T02:00:00Z',
    updatedAt: '2026-11-01T02:00:00Z',
    version: 1,
  }
}

const kept = customer('c-1', '华信科技有限公司', 1, 4)
const twin = customer('c-2', '华信科技', 2, 3)
const twinDetail: CustomerDetail = {
  customer: twin,
  contacts: [
    { id: 'k-1', customerId: 'c-2', name: '李明', title: '', phone: '', email: '', createdAt: '', updatedAt: '', version: 1 },
    { id: 'k-2', customerId: 'c-2', name: '孙丽', title: '', phone: '', email: '', createdAt: '', updatedAt: '', version: 1 },
  ],
  duplicates: [],
  mergedFrom: [],
}
const result: CustomerMerged = {
  into: { customer: { ...kept, contactCount: 3, requestCount: 7, duplicates: 0 }, contacts: [], duplicates: [], mergedFrom: [] },
  contacts: 2,
  requests: 3,
}

describe('canMergeCustomers', () => {
  it.each([
    ['desktop window', false, undefined, true],
    ['supervisor', true, ['agent', 'supervisor'], true],
    ['administrator', true, ['admin'], true],
    ['agent', true, ['agent', 'owner'], false],
    ['general manager', true, ['general_manager'], false],
    ['no roles', true, null, false],
  ])('%s', (_, accounts, roles, want) => {
    expect(canMergeCustomers(accounts as boolean, roles as string[] | null | undefined)).toBe(want)
  })
})

describe('mergeConfirm', () => {
  it('names who moves where, in Chinese and English', () => {
    const text = mergeConfirm(zh, twin, kept, twinDetail.contacts)
    expect(text).toContain('把“华信科技”合并到“华信科技有限公司”')
    expect(text).toContain('2 位联系人（李明、孙丽）和 3 条需求将转到此客户')
    expect(text).toContain('不能撤销')
    const english = mergeConfirm(en, twin, kept, twinDetail.contacts)
    expect(english).toContain('Merge “华信科技” into “华信科技有限公司”')
    expect(english).toContain('2 contact(s) (李明, 孙丽) and 3 request(s)')
  })
  it('says so when nothing moves', () => {
    const text = mergeConfirm(zh, { ...twin, requestCount: 0 }, kept, [])
    expect(text).toContain('“华信科技”没有联系人和需求')
  })
  it('reports the merge', () => {
    expect(mergedMessage(zh, '华信科技', '华信科技有限公司', 2, 3)).toBe(
      '已把“华信科技”合并到“华信科技有限公司”：转入 2 位联系人、3 条需求',
    )
  })
})

describe('mergeDuplicate', () => {
  it('merges the other customer into the one shown once confirmed', async () => {
    const api = { getCustomer: vi.fn().mockResolvedValue(twinDetail), mergeCustomer: vi.fn().mockResolvedValue(result) }
    const confirm = vi.fn().mockResolvedValue(true)
    await expect(mergeDuplicate(api, zh, kept, twin, confirm)).resolves.toBe(result)
    expect(api.getCustomer).toHaveBeenCalledWith('c-2')
    expect(confirm.mock.calls[0]?.[0]).toContain('李明、孙丽')
    expect(api.mergeCustomer).toHaveBeenCalledWith('c-2', 'c-1')
  })
  it('merges nothing when declined', async () => {
    const api = { getCustomer: vi.fn().mockResolvedValue(twinDetail), mergeCustomer: vi.fn() }
    await expect(mergeDuplicate(api, zh, kept, twin, () => Promise.resolve(false))).resolves.toBeNull()
    expect(api.mergeCustomer).not.toHaveBeenCalled()
  })
  it('passes a refusal on', async () => {
    const refusal = { code: 'forbidden', message: '只有客服主管或管理员可以合并客户' }
    const api = { getCustomer: vi.fn().mockResolvedValue(twinDetail), mergeCustomer: vi.fn().mockRejectedValue(refusal) }
    await expect(mergeDuplicate(api, zh, kept, twin, () => Promise.resolve(true))).rejects.toBe(refusal)
  })
})
