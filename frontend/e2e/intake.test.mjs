// End-to-end: the real reqdesk binary in serve mode, driven through the
// system Chromium like a user would: register a customer and a request,
// find it, edit it, restart the server, and check nothing was lost.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import path from 'node:path'
import {
  api,
  ensureTools,
  fillDemo,
  launchBrowser,
  makeDataDir,
  newPage,
  removeDir,
  screenshot,
  screenshotsDir,
  startServer,
} from './server.mjs'

const cleanups = []
let browser

before(async () => {
  await ensureTools()
  browser = await launchBrowser()
  cleanups.push(() => browser.close())
})

after(async () => {
  // Last in, first out: pages and servers before their data directories.
  for (const fn of cleanups.reverse()) {
    try {
      await fn()
    } catch (e) {
      console.error('cleanup:', e)
    }
  }
})

/** serve starts a server on a fresh (optionally demo-filled) data directory, cleaned up after the run. */
async function serve({ demo = false } = {}) {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  if (demo) await fillDemo(dir)
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  return { dir, srv }
}

async function open(srv) {
  const { context, page } = await newPage(browser)
  cleanups.push(() => context.close())
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(srv.url)
  // The dashboard is the home screen; the intake form is one click away.
  await page.getByTestId('dashboard-view').waitFor()
  await page.getByTestId('nav-intake').click()
  await page.getByTestId('intake-view').waitFor()
  return { page, errors }
}

const field = (page, name) => page.getByTestId(`field-${name}`)
const input = (page, name) => field(page, name).locator('input, textarea').first()

/** menusClosed waits until no select menu is open or fading out, so the next one found is the right one. */
function menusClosed(page) {
  return page.waitForFunction(() =>
    [...document.querySelectorAll('.n-base-select-menu')].every((m) => m.getClientRects().length === 0),
  )
}

/** choose picks an option of a Naive UI select by the start of its text, typing to filter first. */
async function choose(page, select, text, { type = true } = {}) {
  await menusClosed(page)
  await select.click()
  if (type) await page.keyboard.type(text, { delay: 15 })
  const option = page.locator('.n-base-select-menu:visible .n-base-select-option').filter({ hasText: new RegExp(`^${text}`) })
  await option.first().click()
  await menusClosed(page)
}

/** chooseFirst picks the first option a select offers. */
async function chooseFirst(page, select, typed = '') {
  await menusClosed(page)
  await select.click()
  if (typed) await page.keyboard.type(typed, { delay: 20 })
  await page.locator('.n-base-select-menu:visible .n-base-select-option').first().click()
  await menusClosed(page)
}

/** settled waits until no loading indicator or transition is left on screen. */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('.n-data-table-loading-wrapper, .n-spin') === null)
  await page.mouse.move(5, 795)
  await page.waitForTimeout(400)
}

async function typeInto(locator, text) {
  await locator.click()
  await locator.pressSequentially(text, { delay: 10 })
}

describe('需求登记', () => {
  test('registers a request, finds it, edits it, and keeps it across a restart', { timeout: 180_000 }, async () => {
    const { dir, srv } = await serve()
    const { page, errors } = await open(srv)

    // The customer picker has the focus when the form opens.
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid=customer-select]') !== null)

    // A new customer with a first contact, from inside the form; a bad phone is refused first.
    await page.getByTestId('new-customer').click()
    const modal = page.getByTestId('customer-modal')
    await modal.waitFor()
    await typeInto(modal.getByTestId('cust-name').locator('input'), '杭州云启科技有限公司')
    await typeInto(modal.getByTestId('cust-industry').locator('input'), '信息技术')
    await typeInto(modal.getByTestId('cust-address').locator('input'), '杭州市滨江区江南大道 88 号')
    await typeInto(modal.getByTestId('cust-contact-name').locator('input'), '张伟')
    await typeInto(modal.getByTestId('cust-contact-title').locator('input'), '信息部经理')
    await typeInto(modal.getByTestId('cust-contact-phone').locator('input'), '电话12')
    await modal.getByTestId('customer-modal-submit').click()
    await modal.getByTestId('cust-contact-phone').getByText('电话号码格式不正确').waitFor()
    assert.equal((await api(page, 'CustomersApp/List', [{ search: '', offset: 0, limit: 10 }])).total, 0)
    await modal.getByTestId('cust-contact-phone').locator('input').fill('')
    await typeInto(modal.getByTestId('cust-contact-phone').locator('input'), '13800138000')
    await modal.getByTestId('customer-modal-submit').click()
    await modal.waitFor({ state: 'hidden' })

    // The new customer is chosen and its contact fills the contact fields.
    await field(page, 'customerId').getByText('杭州云启科技有限公司').waitFor()
    await page.waitForFunction(
      () => document.querySelector('[data-testid=field-contactInfo] input')?.value === '13800138000',
    )
    assert.equal(await input(page, 'contactName').inputValue(), '张伟')

    await choose(page, page.getByTestId('channel-select'), '电话')
    await choose(page, page.getByTestId('type-select'), '技术咨询')
    await page.getByTestId('urgency-important').click()
    await typeInto(input(page, 'title'), '咨询系统对接方案')
    await typeInto(input(page, 'description'), '客户计划将 ERP 与财务系统对接，希望了解接口规范和实施周期。')

    // Esc closes menus but never clears what was typed.
    await page.keyboard.press('Escape')
    assert.equal(await input(page, 'title').inputValue(), '咨询系统对接方案')

    // The draft is saved as one types and comes back after a reload.
    await page.getByTestId('draft-state').getByText('草稿已自动保存').waitFor()
    await page.reload()
    await page.getByTestId('draft-restored').getByText('已恢复未提交的草稿').waitFor()
    assert.equal(await input(page, 'title').inputValue(), '咨询系统对接方案')
    await field(page, 'customerId').getByText('杭州云启科技有限公司').waitFor()
    await screenshot(page, 'intake-filled')

    // Ctrl+Enter registers it and shows the new number.
    await input(page, 'title').focus()
    await page.keyboard.press('Control+Enter')
    const numberEl = page.getByTestId('created-number')
    await numberEl.waitFor()
    const number = (await numberEl.textContent()).trim()
    assert.match(number, /^XR-\d{4}-001$/)
    await screenshot(page, 'intake-success')
    assert.equal(await api(page, 'RequestsApp/Draft'), '', 'the draft is cleared after registering')

    await page.getByTestId('continue-intake').click()
    assert.equal(await input(page, 'title').inputValue(), '')

    // The list shows it; a two-character Chinese search finds it, and the search survives a reload.
    await page.getByTestId('nav-requests').click()
    await page.locator(`[data-testid=request-row][data-number="${number}"]`).waitFor()
    await typeInto(page.getByTestId('list-search').locator('input'), '对接')
    await page.waitForURL(/q=%E5%AF%B9%E6%8E%A5/)
    await page.reload()
    await page.locator(`[data-testid=request-row][data-number="${number}"]`).waitFor()
    assert.equal(await page.getByTestId('list-search').locator('input').inputValue(), '对接')
    await typeInto(page.getByTestId('list-search').locator('input'), '无此内容')
    await page.getByText('没有符合条件的需求').waitFor()
    await page.getByTestId('list-search').locator('input').fill('对接')
    await page.locator(`[data-testid=request-row][data-number="${number}"]`).waitFor()
    await screenshot(page, 'list-search')

    // The detail page, an edit, and its audit entry.
    await page.locator(`[data-testid=request-row][data-number="${number}"]`).click()
    await page.getByTestId('detail-number').getByText(number).waitFor()
    const id = page.url().split('/requests/')[1]
    assert.ok(id)
    await page.getByTestId('edit-request').click()
    await input(page, 'title').fill('')
    await typeInto(input(page, 'title'), '咨询系统对接方案（含接口文档）')
    await page.getByTestId('urgency-urgent').click()
    await page.getByTestId('save-request').click()
    await page.getByTestId('detail-field-title').getByText('咨询系统对接方案（含接口文档）').waitFor()
    // The history of changes is the workspace's 变更记录 tab.
    await page.getByTestId('tab-history').click()
    const entry = page.locator('[data-testid=audit-entry][data-action=update]')
    await entry.waitFor()
    const titleChange = entry.locator('[data-testid=audit-change][data-field=title]')
    assert.match(await titleChange.textContent(), /需求描述\(简要\).*咨询系统对接方案.*→.*咨询系统对接方案（含接口文档）/)
    const urgencyChange = entry.locator('[data-testid=audit-change][data-field=urgency]')
    assert.match(await urgencyChange.textContent(), /紧急程度.*重要.*→.*紧急/)
    await screenshot(page, 'detail-edited')

    // A clean stop and a restart on the same data keep everything.
    const exit = await srv.stop()
    assert.equal(exit.code, 0, `serve exited with ${JSON.stringify(exit)}`)
    const again = await startServer(dir)
    cleanups.push(() => again.stop())
    await page.goto(again.url)
    await page.getByTestId('dashboard-view').waitFor()
    await page.goto(`${again.origin}/#/requests/${id}`)
    await page.getByTestId('detail-field-title').getByText('咨询系统对接方案（含接口文档）').waitFor()
    await page.getByTestId('tab-history').click()
    await page.locator('[data-testid=audit-entry]').nth(1).waitFor()
    assert.equal((await page.locator('[data-testid=audit-entry]').count()), 2)
    await page.getByTestId('nav-requests').click()
    await page.locator(`[data-testid=request-row][data-number="${number}"]`).waitFor()

    assert.deepEqual(errors, [])
  })

  test('refuses a form without its required fields and creates nothing', { timeout: 60_000 }, async () => {
    const { srv } = await serve()
    const { page, errors } = await open(srv)
    await page.getByTestId('submit-intake').click()
    await page.getByTestId('form-error').getByText('请检查标出的字段后再提交').waitFor()
    for (const name of ['customerId', 'channel', 'type', 'title']) {
      await field(page, name).getByText('此项为必填项').waitFor()
    }
    // Ctrl+Enter does the same, and still nothing is created.
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('form-error').waitFor()
    const list = await api(page, 'RequestsApp/List', [{ limit: 20 }])
    assert.equal(list.total, 0)
    // Typing into a field clears its message.
    await typeInto(input(page, 'title'), '咨询')
    await field(page, 'title').getByText('此项为必填项').waitFor({ state: 'detached' })
    await screenshot(page, 'intake-required')
    assert.deepEqual(errors, [])
  })

  test('screenshots with the demo data', { timeout: 90_000 }, async () => {
    const { srv } = await serve({ demo: true })
    const { page, errors } = await open(srv)
    const current = await api(page, 'SettingsApp/Get')
    await api(page, 'SettingsApp/Save', [{ ...current, profileName: '李娜', companyName: '华东信息服务有限公司' }])
    await page.reload()
    await page.getByTestId('profile-name').getByText('李娜').waitFor()
    // The receiver is picked from the people list, the profile proposed.
    // (The chosen person shows with department and role: 李娜 客服部 · 客服专员.)
    await field(page, 'receivedBy').locator('.n-base-selection-label').getByText(/^李娜(\s|$)/).first().waitFor()

    await chooseFirst(page, page.getByTestId('customer-select'), '华信')
    await chooseFirst(page, page.getByTestId('contact-select'))
    await page.waitForFunction(() => document.querySelector('[data-testid=field-contactName] input')?.value !== '')
    await choose(page, page.getByTestId('channel-select'), '电话')
    await choose(page, page.getByTestId('type-select'), '技术咨询')
    await choose(page, page.getByTestId('category-select'), '服务类')
    await choose(page, page.getByTestId('scope-select'), '单客户/局部场景', { type: false })
    await page.getByTestId('urgency-important').click()
    await typeInto(input(page, 'title'), '咨询系统对接方案')
    await typeInto(input(page, 'description'), '客户计划将现有 ERP 与财务系统对接，希望了解接口规范、对接方式以及实施周期和费用。')
    await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur())
    await settled(page)
    await screenshot(page, 'intake-demo', path.join(screenshotsDir, 'intake.png'))

    await page.getByTestId('nav-requests').click()
    await page.locator('[data-testid=request-row]').nth(19).waitFor()
    await settled(page)
    await screenshot(page, 'list-demo', path.join(screenshotsDir, 'list.png'))
    assert.deepEqual(errors, [])
  })

  test('customers: drawer, new contact, and the customer\'s requests', { timeout: 90_000 }, async () => {
    const { srv } = await serve({ demo: true })
    const { page, errors } = await open(srv)
    await page.getByTestId('nav-customers').click()
    await typeInto(page.getByTestId('customers-search').locator('input'), '华信')
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=customer-row]')]
      return rows.length > 0 && rows.every((r) => r.textContent.includes('华信'))
    })
    const name = (await page.getByTestId('customer-link').first().textContent()).trim()
    await page.getByTestId('customer-row').first().click()
    const drawer = page.getByTestId('customer-drawer')
    await drawer.waitFor()
    await page.waitForURL(/#\/customers\/.+/)

    // A contact with a bad phone is refused, then added.
    await drawer.getByTestId('add-contact').click()
    const modal = page.getByTestId('contact-modal')
    await typeInto(modal.getByTestId('contact-name').locator('input'), '孙丽')
    await typeInto(modal.getByTestId('contact-phone').locator('input'), '12')
    await modal.getByTestId('contact-modal-submit').click()
    await modal.getByTestId('contact-phone').getByText('电话号码格式不正确').waitFor()
    await modal.getByTestId('contact-phone').locator('input').fill('0571-88886666')
    await modal.getByTestId('contact-modal-submit').click()
    await modal.waitFor({ state: 'hidden' })
    await drawer.getByTestId('contacts-table').getByText('0571-88886666').waitFor()
    await screenshot(page, 'customer-drawer')

    // The customer's requests: the list filtered by the customer, kept in the URL.
    await drawer.getByTestId('customer-requests').click()
    await page.waitForURL(/#\/requests\?customer=/)
    await page.getByTestId('request-row').first().waitFor()
    const customers = await page.$$eval('[data-testid=request-row] td[data-col-key=customerName]', (tds) => tds.map((td) => td.textContent.trim()))
    assert.ok(customers.length > 0)
    for (const c of customers) assert.equal(c, name)
    await page.getByTestId('filter-customer').getByText(name).waitFor()
    assert.deepEqual(errors, [])
  })
})
