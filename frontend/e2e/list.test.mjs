// End-to-end: the request list on a laptop screen (1366 and 1280 px wide):
// the important columns fit without scrolling sideways, the columns shown are
// the user's choice and stay so; search finds contacts and phones and shows
// where a hit deep in a description is; a customer created from a search
// keeps the name typed.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { api, appTab, ensureTools, fillDemo, launchBrowser, makeDataDir, removeDir, screenshot, startServer } from './server.mjs'

const cleanups = []
let browser

before(async () => {
  await ensureTools()
  browser = await launchBrowser()
  cleanups.push(() => browser.close())
})

after(async () => {
  for (const fn of cleanups.reverse()) {
    try {
      await fn()
    } catch (e) {
      console.error('cleanup:', e)
    }
  }
})

async function serve({ demo = false } = {}) {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  if (demo) await fillDemo(dir)
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  return srv
}

async function open(srv, size) {
  const { page, context, first, errors } = await appTab(browser, srv, {
    size,
    // The demo database makes the first screens slow on a busy machine.
    prepare: (_, context) => context.setDefaultTimeout(30_000),
  })
  if (first) cleanups.push(() => context.close())
  return { page, errors }
}

async function toList(page) {
  await page.getByTestId('nav-requests').click()
  await page.locator('[data-testid=request-row]').first().waitFor()
  await page.waitForFunction(() => document.querySelector('.n-data-table-loading-wrapper') === null)
}

/** header is the list's column header of key. */
const header = (page, key) => page.locator(`[data-testid=request-table] th[data-col-key=${key}]`)

/** onScreen reports whether the column header of key lies wholly inside the window, and the table needs no sideways scrolling. */
async function fits(page, key) {
  const box = await header(page, key).boundingBox()
  const width = page.viewportSize().width
  const scroll = await page.evaluate(() => {
    const body = document.querySelector('[data-testid=request-table] .n-data-table-base-table-body .n-scrollbar-container')
    return body ? body.scrollWidth - body.clientWidth : -1
  })
  return { key, inside: box !== null && box.x >= 0 && box.x + box.width <= width, scroll }
}

describe('需求列表', () => {
  test('fits the important columns at 1366 and 1280 px, and remembers the columns chosen', { timeout: 300_000 }, async () => {
    const srv = await serve({ demo: true })
    for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
      const { page, errors } = await open(srv, size)
      await toList(page)
      for (const key of ['number', 'customerName', 'title', 'urgency', 'status', 'owner']) {
        assert.deepEqual(await fits(page, key), { key, inside: true, scroll: 0 }, `at ${size.width} px`)
      }
      // The one-line description has room: wider than 15 characters of 14 px.
      const title = await header(page, 'title').boundingBox()
      assert.ok(title.width >= 210, `the description column is ${title.width} px wide at ${size.width} px`)
      await screenshot(page, `list-${size.width}`)
      assert.deepEqual(errors, [])
    }

    // Choose the columns: hide 紧急程度, show 联系人; the choice stays after a reload.
    const { page } = await open(srv, { width: 1366, height: 768 })
    await toList(page)
    await page.getByTestId('list-columns').click()
    await page.getByTestId('list-column-urgency').click()
    await page.getByTestId('list-column-contactName').click()
    await header(page, 'contactName').waitFor()
    assert.equal(await header(page, 'urgency').count(), 0)
    await page.reload()
    await page.locator('[data-testid=request-row]').first().waitFor()
    await header(page, 'contactName').waitFor()
    assert.equal(await header(page, 'urgency').count(), 0)
    assert.equal(await header(page, 'status').count(), 1)
  })

  test('search finds contact names and phones, and shows the passage of a hit deep in a description', { timeout: 90_000 }, async () => {
    const srv = await serve()
    const { page, errors } = await open(srv, { width: 1366, height: 768 })
    // Who receives requests is on the people list.
    await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '李娜', department: '客服部', roles: ['agent'], phone: '', email: '', active: true }])
    const cust = await api(page, 'CustomersApp/Create', [{ fields: { name: '苏州恒达精密制造有限公司' }, contacts: [] }])
    const base = {
      customerId: cust.customer.id, contactId: '', channel: '电话', type: '技术咨询', category: '', urgency: 'normal',
      impactScope: '', background: '', expectedOutcome: '', timeRequirement: '', scene: '', product: '',
      receivedBy: '李娜', owner: '', department: '', receivedAt: new Date(Date.now() - 3600_000).toISOString(),
    }
    await api(page, 'RequestsApp/Create', [{
      ...base, contactName: '欧阳明', contactInfo: '138-0013-8000', title: '打印模板错位',
      description: '客户说明了打印机型号与驱动版本以及使用环境。'.repeat(10) + '最后提到发票打印时表头错位，需要调整合同模板的页边距。',
    }])
    await api(page, 'RequestsApp/Create', [{ ...base, contactName: '李雷', contactInfo: '0571-88886666转123', title: '咨询系统对接方案', description: '' }])
    await toList(page)

    const search = async (q) => {
      const box = page.getByTestId('list-search').locator('input')
      await box.fill(q)
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid=request-row]').length === n && document.querySelector('.n-data-table-loading-wrapper') === null,
        1,
      )
      return page.locator('[data-testid=request-row]').first()
    }
    let row = await search('欧阳明')
    assert.match(await row.innerText(), /打印模板错位/)
    await row.getByTestId('row-snippet').locator('mark', { hasText: '欧阳明' }).waitFor()
    row = await search('13800138000')
    await row.getByTestId('row-snippet').locator('mark', { hasText: '138-0013-8000' }).waitFor()
    assert.match(await row.innerText(), /打印模板错位/)
    row = await search('页边距')
    const snippet = row.getByTestId('row-snippet')
    await snippet.locator('mark', { hasText: '页边距' }).waitFor()
    assert.match(await snippet.innerText(), /^详细描述：….*页边距/)
    assert.equal(await snippet.locator('mark').innerText(), '页边距')
    await screenshot(page, 'list-search-snippet')
    assert.deepEqual(errors, [])
  })
})

describe('搜索总数', () => {
  test('a common word shows its page at once and its total after it', { timeout: 240_000 }, async () => {
    const srv = await serve({ demo: true })
    const { page, errors } = await open(srv, { width: 1366, height: 768 })
    await toList(page)
    // 客户 is in every description: the page reads the newest matches and
    // stops, so its own total is only a lower bound.
    const q = { search: '客户', sort: 'receivedAt', desc: true, offset: 0, limit: 20 }
    const first = await api(page, 'RequestsApp/List', [q])
    assert.equal(first.totalExact, false)
    const exact = await api(page, 'RequestsApp/Total', [{ ...q, exactTotal: true }])
    assert.equal(exact.exact, true)
    assert.ok(exact.n > first.total, `${exact.n} requests with 客户, the page's lower bound ${first.total}`)

    await page.getByTestId('list-search').locator('input').fill('客户')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=request-row]').length === 20)
    // The list asks for the total by itself: under 10,000, it is exact.
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=list-total]')?.textContent?.trim() === `共 ${n} 条`,
      exact.n,
    )
    assert.equal(await page.getByTestId('list-count-exact').count(), 0)
    const numbers = await page.locator('[data-testid=row-number]').allInnerTexts()
    assert.deepEqual(numbers, first.items.map((r) => r.number))
    assert.deepEqual(errors, [])
  })
})

describe('新建客户', () => {
  test('a customer created from a search keeps the name typed', { timeout: 90_000 }, async () => {
    const srv = await serve()
    const { page, errors } = await open(srv, { width: 1366, height: 768 })

    // In the request form: type a name no customer has, then 新建客户 beside the picker.
    await page.getByTestId('nav-intake').click()
    await page.getByTestId('intake-view').waitFor()
    await page.getByTestId('customer-select').click()
    await page.keyboard.type('杭州云启科技', { delay: 20 })
    await page.getByText('没有找到匹配的客户').waitFor()
    await page.getByTestId('new-customer').click()
    const modal = page.getByTestId('customer-modal')
    await modal.waitFor()
    assert.equal(await modal.getByTestId('cust-name').locator('input').inputValue(), '杭州云启科技')
    await modal.getByRole('button', { name: '取消' }).click()
    await modal.waitFor({ state: 'hidden' })

    // Another name typed later wins over what the closed dialog kept.
    await page.getByTestId('customer-select').click()
    await page.keyboard.type('宁波海晟物流', { delay: 20 })
    await page.locator('.n-base-select-menu').getByRole('button', { name: /新建客户/ }).click()
    await modal.waitFor()
    assert.equal(await modal.getByTestId('cust-name').locator('input').inputValue(), '宁波海晟物流')
    await modal.getByTestId('customer-modal-submit').click()
    await modal.waitFor({ state: 'hidden' })
    await page.getByTestId('field-customerId').getByText('宁波海晟物流').waitFor()

    // In 客户: the search box's text becomes the new customer's name.
    await page.getByTestId('nav-customers').click()
    await page.getByTestId('customers-search').locator('input').fill('温州瓯江电器')
    await page.getByTestId('customers-new').click()
    await modal.waitFor()
    assert.equal(await modal.getByTestId('cust-name').locator('input').inputValue(), '温州瓯江电器')
    assert.deepEqual(errors, [])
  })
})
