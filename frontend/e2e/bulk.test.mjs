// End-to-end: daily work on the request list (issue 21). A bulk assign of
// three requests, one still unclassified: two are assigned and the summary
// names the third with its guard's reason; 当场解决 registers a consultation
// and closes it on the short path from the intake form; a cancelled request
// is restored with a reason from its page.
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { api, ensureTools, launchBrowser, makeDataDir, newPage, removeDir, screenshot, screenshotsDir, startServer } from './server.mjs'

const cleanups = []
let browser
let srv
let page
let base
let customer
const numbers = {}

before(async () => {
  await ensureTools()
  browser = await launchBrowser()
  cleanups.push(() => browser.close())
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  const opened = await newPage(browser)
  page = opened.page
  cleanups.push(() => opened.context.close())
  base = srv.url.split('/?')[0]
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '李娜', department: '客服部', roles: ['agent', 'supervisor', 'owner'], phone: '', email: '', active: true }])
  const settings = await api(page, 'SettingsApp/Get')
  await api(page, 'SettingsApp/Save', [{ ...settings, profileName: '李娜', companyName: '华东信息服务有限公司' }])
  customer = await api(page, 'CustomersApp/Create', [
    { fields: { name: '华信科技有限公司', industry: '信息技术' }, contacts: [{ name: '张伟', phone: '13800138000' }] },
  ])
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

async function register(title) {
  const r = await api(page, 'RequestsApp/Create', [
    {
      customerId: customer.customer.id, contactId: customer.contacts[0].id, contactName: '张伟', channel: '电话', type: '技术咨询',
      urgency: 'normal', title, receivedAt: new Date(Date.now() - 3600_000).toISOString(), receivedBy: '李娜',
    },
  ])
  numbers[title] = r.number
  return r
}

async function move(r, m) {
  const d = await api(page, 'RequestsApp/Get', [r.id])
  return api(page, 'RequestsApp/Move', [r.id, d.request.version, { comment: '', reason: '', duplicateOf: '', owner: '', department: '', path: '', greenChannel: false, ...m }])
}

/** menusClosed waits until no select menu is open or fading out. */
function menusClosed() {
  return page.waitForFunction(() => [...document.querySelectorAll('.n-base-select-menu')].every((m) => m.getClientRects().length === 0))
}

/** choose picks an option of a Naive UI select by the start of its text, typing to filter first. */
async function choose(select, text) {
  await menusClosed()
  await select.click()
  await page.keyboard.type(text, { delay: 15 })
  await page.locator('.n-base-select-menu:visible .n-base-select-option').filter({ hasText: new RegExp(`^${text}`) }).first().click()
  await menusClosed()
}

/** settled waits until no loading indicator is left on screen. */
async function settled() {
  await page.waitForFunction(() => document.querySelector('.n-data-table-loading-wrapper, .n-spin') === null)
  await page.mouse.move(5, 795)
  await page.waitForTimeout(400)
}

describe('请求列表的日常工作', () => {
  test('a bulk assign with one refused row reports it', { timeout: 180_000 }, async () => {
    const a = await register('咨询系统对接方案')
    const b = await register('打印机报障')
    await register('定制生产排程模块') // still registered: assigning it is refused
    for (const r of [a, b]) await move(r, { action: 'triage', department: '客服部', path: 'short' })

    await page.goto(`${base}/#/requests`)
    await page.getByTestId('list-view').waitFor()
    await page.locator('[data-testid=request-row]').nth(2).waitFor()
    await settled()
    for (const title of ['咨询系统对接方案', '打印机报障', '定制生产排程模块']) {
      await page.locator(`[data-testid=request-row][data-number="${numbers[title]}"] .n-data-table-td--selection .n-checkbox`).click()
    }
    await page.getByTestId('bulk-count').getByText('已选 3 条').waitFor()
    assert.match(page.url(), /#\/requests/, 'ticking a row does not open it')
    await screenshot(page, 'bulk', path.join(screenshotsDir, 'bulk.png'))

    await page.getByTestId('bulk-assign-open').click()
    const dialog = page.getByTestId('bulk-dialog')
    await dialog.waitFor()
    // Nothing is sent without the owner.
    await dialog.getByTestId('bulk-submit').click()
    await dialog.getByTestId('bulk-owner').getByText('此项为必填项').waitFor()
    await menusClosed()
    await dialog.getByTestId('bulk-owner-select').click()
    await page.keyboard.type('李娜', { delay: 15 })
    await page.locator('.n-base-select-menu:visible .n-base-select-option').filter({ hasText: /^李娜/ }).first().waitFor()
    await page.keyboard.press('Enter')
    await menusClosed()
    await dialog.getByTestId('bulk-submit').getByText('对 3 条需求执行').click()

    const summary = page.getByTestId('bulk-summary')
    await summary.waitFor()
    await summary.getByTestId('bulk-summary-counts').getByText('已办理 2 条，未办理 1 条').waitFor()
    const refused = summary.locator('[data-testid=bulk-refused-row]')
    assert.equal(await refused.count(), 1)
    assert.equal(await refused.getAttribute('data-number'), numbers['定制生产排程模块'])
    assert.match(await refused.innerText(), /已登记/)
    await screenshot(page, 'bulk-summary')

    for (const r of [a, b]) {
      const d = await api(page, 'RequestsApp/Get', [r.id])
      assert.equal(d.request.status, 'assigned')
      assert.equal(d.request.fields.owner, '李娜')
    }
    await page.keyboard.press('Escape')
    await summary.waitFor({ state: 'hidden' })
  })

  test('the registration list prints from the filter', { timeout: 120_000 }, async () => {
    await page.goto(`${base}/#/requests?status=assigned`)
    await page.getByTestId('list-view').waitFor()
    await settled()
    await page.getByTestId('list-print').click()
    const modal = page.getByTestId('list-print-modal')
    await modal.waitFor()
    await modal.getByText(/DJL-/).first().waitFor()
    const docs = await api(page, 'DocumentsApp/List', [''])
    assert.ok(docs.some((d) => d.type === 'registration_list'), 'the list is registered as a document')
    await page.keyboard.press('Escape')
  })

  test('当场解决 registers and closes a consultation', { timeout: 180_000 }, async () => {
    await page.goto(`${base}/#/intake?customer=${customer.customer.id}`)
    await page.getByTestId('intake-view').waitFor()
    await page.getByTestId('field-customerId').getByText('华信科技有限公司').waitFor()
    await choose(page.getByTestId('channel-select'), '电话')
    await choose(page.getByTestId('type-select'), '技术咨询')
    const title = page.getByTestId('field-title').locator('input, textarea').first()
    await title.click()
    await title.pressSequentially('发票如何开具', { delay: 10 })
    if ((await page.getByTestId('field-contactName').locator('input').inputValue()) === '') {
      await page.getByTestId('field-contactName').locator('input').pressSequentially('张伟', { delay: 10 })
    }

    await page.getByTestId('oncall-toggle').click()
    await page.getByTestId('oncall-fields').waitFor()
    // Without the customer's confirmation it is not closed.
    await page.getByTestId('oncall-result-input').locator('textarea').pressSequentially('在系统的“财务 → 发票”中申请，三个工作日内开出。', { delay: 5 })
    for (const s of ['timeliness', 'effectiveness', 'attitude', 'overall']) {
      await page.getByTestId(`oncall-${s}-rate`).locator('.n-rate__item').nth(4).click()
    }
    await page.getByTestId('submit-intake').getByText('登记并结案').click()
    await page.getByTestId('oncall-solved').getByText('客户表示尚未解决').waitFor()
    await page.getByTestId('oncall-solved-check').click()
    await page.getByTestId('submit-intake').click()

    const success = page.getByTestId('intake-success')
    await success.getByText('已登记并当场结案').waitFor()
    const number = (await page.getByTestId('created-number').innerText()).trim()
    const list = await api(page, 'RequestsApp/List', [{ search: number, offset: 0, limit: 5 }])
    const d = await api(page, 'RequestsApp/Get', [list.items[0].id])
    assert.equal(d.request.status, 'archived')
    assert.equal(d.request.state.path, 'short')
    assert.deepEqual(d.transitions.map((t) => t.action), ['triage', 'assign', 'start', 'give_result', 'send_result', 'archive'])
    assert.deepEqual(d.records.map((r) => r.kind).sort(), ['communication', 'feedback', 'result_note'])
    await screenshot(page, 'on-call-closed')
  })

  test('a cancelled request is restored with a reason', { timeout: 120_000 }, async () => {
    const r = await register('合同续签咨询')
    await move(r, { action: 'cancel', reason: '客户撤回' })
    await page.goto(`${base}/#/requests/${r.id}`)
    await page.locator('[data-testid=detail-status][data-status="cancelled"]').waitFor()
    await screenshot(page, 'restore-cancelled')
    await page.getByTestId('move-restore').click()
    const dialog = page.locator('[data-testid=move-dialog][data-action="restore"]')
    await dialog.waitFor()
    await dialog.getByTestId('move-submit').click()
    await dialog.getByTestId('move-reason').getByText('此项为必填项').waitFor()
    await dialog.getByTestId('move-reason').locator('textarea').fill('客户又来电，仍需处理')
    await dialog.getByTestId('move-submit').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('[data-testid=detail-status][data-status="registered"]').waitFor()
    const d = await api(page, 'RequestsApp/Get', [r.id])
    const last = d.transitions.at(-1)
    assert.equal(last.action, 'restore')
    assert.match(last.comment, /仍需处理/)
  })
})
