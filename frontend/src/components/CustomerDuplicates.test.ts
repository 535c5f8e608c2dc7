import { describe, expect, it } from 'vitest'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createSSRApp, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { renderToString } from 'vue/server-renderer'
import type { CustomerDetail } from '../api/types'
import { makeI18n } from '../i18n'
import CustomerDuplicates from './CustomerDuplicates.vue'

const base = { industry: '', address: '', notes: '', createdAt: '', updatedAt: '', version: 1 }
const detail: CustomerDetail = {
  customer: { ...base, id: 'c-1', name: '华信科技有限公司', contactCount: 1, requestCount: 4, duplicates: 1 },
  contacts: [],
  duplicates: [
    { id: 'd-1', foundAt: '', other: { ...base, id: 'c-2', name: '华信科技', contactCount: 2, requestCount: 3, duplicates: 1 } },
  ],
  mergedFrom: [{ fromId: 'c-0', fromName: '华信', intoId: 'c-1', mergedAt: '', mergedBy: '王强' }],
}

async function render(d: CustomerDetail, canMerge: boolean) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  const app = createSSRApp({
    render: () => h(NMessageProvider, () => h(NDialogProvider, () => h(CustomerDuplicates, { detail: d, canMerge }))),
  })
  app.use(makeI18n('zh-CN')).use(router)
  await router.push('/customers/c-1')
  return renderToString(app)
}

describe('CustomerDuplicates', () => {
  it('lists the possible duplicates with both actions for a supervisor', async () => {
    const html = await render(detail, true)
    expect(html).toContain('可能重复')
    expect(html).toContain('华信科技（联系人 2 位，需求 3 条）')
    expect(html).toContain('href="/customers/c-2"')
    expect(html).toContain('合并到此客户')
    expect(html).toContain('不是重复')
    expect(html).toContain('已合并：华信')
  })
  it('shows the pair without actions to others', async () => {
    const html = await render(detail, false)
    expect(html).toContain('华信科技（联系人 2 位，需求 3 条）')
    expect(html).not.toContain('合并到此客户')
    expect(html).toContain('只有客服主管或管理员可以合并客户')
  })
  it('shows nothing for a customer with no duplicates', async () => {
    const html = await render({ ...detail, duplicates: [], mergedFrom: [] }, true)
    expect(html).not.toContain('customer-duplicates')
  })
})
