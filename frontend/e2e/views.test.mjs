// End-to-end: daily team work (issue 21). A supervisor saves a filtered list
// as a team view and sees it in the navigation with its count, which follows
// a new request; two requests are linked and each shows the other; the new
// need written in a feedback becomes a linked request in one click; the
// keyboard shortcuts (? dialog, n, /, g l, j) work and stay quiet in fields.
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { api, ensureTools, launchBrowser, makeDataDir, newPage, removeDir, screenshot, screenshotsDir, startServer } from './server.mjs'

const cleanups = []
let browser
let page
let base
let cust
const reqs = {}

before(async () => {
  await ensureTools()
  browser = await launchBrowser()
  cleanups.push(() => browser.close())
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  const opened = await newPage(browser)
  cleanups.push(() => opened.context.close())
  page = opened.page
  base = srv.url.split('/?')[0]
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  for (const p of [
    { name: '王强', department: '客服部', roles: ['supervisor'] },
    { name: '李娜', department: '客服部', roles: ['agent', 'owner'] },
  ]) {
    await api(page, 'SettingsApp/SavePerson', ['', 0, { ...p, phone: '', email: '', active: true }])
  }
  await as('王强')
  cust = await api(page, 'CustomersApp/Create', [
    { fields: { name: '华信科技有限公司', industry: '信息技术' }, contacts: [{ name: '张伟', phone: '13800138000' }] },
  ])
  for (const [key, title, urgency, hoursAgo] of [
    ['old', '财务系统对接咨询', 'normal', 30],
    ['urgent', '生产排程系统宕机', 'urgent', 3],
    ['next', '对接二期：增加凭证接口', 'normal', 2],
  ]) {
    reqs[key] = await create(title, urgency, hoursAgo)
  }
  // A communication with the contact, shown beside the other requests.
  await api(page, 'RequestsApp/SaveRecord', [
    {
      requestId: reqs.old.id, kind: 'communication', parentId: '',
      body: { at: new Date(Date.now() - 20 * 3600_000).toISOString(), channel: '电话', with: '张伟', summary: '约定下周上门演示对接方案', nextStep: '准备演示环境' },
    },
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

async function as(name) {
  const settings = await api(page, 'SettingsApp/Get')
  await api(page, 'SettingsApp/Save', [{ ...settings, profileName: name, companyName: '华东信息服务有限公司' }])
}

function create(title, urgency, hoursAgo) {
  return api(page, 'RequestsApp/Create', [
    {
      customerId: cust.customer.id, contactId: cust.contacts[0].id, contactName: '张伟', channel: '电话', type: '技术咨询',
      urgency, title, receivedAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(), receivedBy: '李娜',
    },
  ])
}

/** rawCall calls a bound method and returns the error body instead of failing. */
function rawCall(method, args) {
  return page.evaluate(
    async ([m, a]) => {
      const key = localStorage.getItem('reqdesk.sessionKey')
      const h = { 'Content-Type': 'application/json', 'X-ReqDesk-Call': '1' }
      if (key) h['X-ReqDesk-Key'] = key
      const r = await fetch(`/api/${m}`, { method: 'POST', headers: h, body: JSON.stringify(a) })
      return { status: r.status, text: await r.text() }
    },
    [method, args],
  )
}

/** quiet waits until the toasts of the last action are gone, for a screenshot. */
async function quiet() {
  await page.waitForFunction(() => document.querySelectorAll('.n-message').length === 0, null, { timeout: 15_000 })
}

async function navCount(name) {
  const link = page.locator(`[data-testid="nav-view"][data-name="${name}"]`)
  await link.waitFor()
  return (await link.getByTestId('nav-view-count').innerText()).trim()
}

test('a team view is saved and shows in the navigation with its count', async () => {
  await page.goto(`${base}/#/requests?urgency=urgent`)
  await page.locator('[data-testid="request-row"]').first().waitFor()
  await page.click('[data-testid="list-save-view"]')
  const dialog = page.getByTestId('save-view-dialog')
  await dialog.waitFor()
  // No name: refused, naming the field.
  await page.click('[data-testid="view-save"]')
  await dialog.getByText('此项为必填项').waitFor()
  await page.locator('[data-testid="view-name"] input').fill('紧急队列')
  await page.click('[data-testid="view-scope-team"]')
  await page.click('[data-testid="view-save"]')
  await dialog.waitFor({ state: 'hidden' })
  assert.equal(await navCount('紧急队列'), '1')
  await page.getByTestId('current-view').getByText('紧急队列').waitFor()

  // A new urgent request: the count follows on the next page opened.
  await create('仓库扫码枪无法连接', 'urgent', 1)
  await page.goto(`${base}/#/dashboard`)
  await page.getByTestId('dashboard-view').waitFor()
  await page.waitForFunction(
    () => document.querySelector('[data-testid="nav-view"][data-name="紧急队列"] [data-testid="nav-view-count"]')?.textContent?.trim() === '2',
  )
  // Opening it from the navigation shows its requests.
  await page.click('[data-testid="nav-view"][data-name="紧急队列"]')
  await page.getByTestId('current-view').waitFor()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="request-row"]').length === 2)
  await quiet()
  await screenshot(page, 'views', path.join(screenshotsDir, 'views.png'))

  // A consultant cannot save a team view, and is told why.
  await as('李娜')
  const refused = await rawCall('RequestsApp/SaveTeamView', ['', 0, { name: '我的紧急', query: { urgencies: ['urgent'] }, columns: ['number', 'title'] }])
  assert.equal(refused.status, 403, refused.text)
  assert.match(refused.text, /view_team_supervisor/)
  await as('王强')
})

test('two requests are linked and each shows the other', async () => {
  await page.goto(`${base}/#/requests/${reqs.next.id}?tab=related`)
  await page.getByTestId('panel-related').waitFor()
  await page.click('[data-testid="link-add"]')
  await page.locator('[data-testid="link-kind"]').click()
  await page.locator('.n-base-select-option').filter({ hasText: '后续于' }).click()
  // A request that does not exist is refused, naming the field.
  await page.locator('[data-testid="link-to"] input').fill('XR-1999-999')
  await page.click('[data-testid="link-save"]')
  await page.getByTestId('link-form').getByText('找不到这条需求').waitFor()
  await page.locator('[data-testid="link-to"] input').fill(reqs.old.number)
  await page.locator('[data-testid="link-note"] input').fill('二期在一期对接基础上增加凭证接口')
  await page.click('[data-testid="link-save"]')
  const row = page.locator(`[data-testid="link-row"][data-number="${reqs.old.number}"]`)
  await row.waitFor()
  assert.equal(await row.getAttribute('data-outgoing'), 'true')
  await page.getByTestId('header-links').getByText(reqs.old.number).waitFor()

  // From the other end: 有后续需求, and the customer history beside it.
  await page.goto(`${base}/#/requests/${reqs.old.id}?tab=related`)
  const back = page.locator(`[data-testid="link-row"][data-number="${reqs.next.number}"]`)
  await back.waitFor()
  assert.equal(await back.getAttribute('data-outgoing'), 'false')
  await back.getByText('有后续需求').waitFor()
  const history = page.getByTestId('customer-history')
  await history.locator('[data-testid="history-row"]').first().waitFor()
  // Open ones first: the 3 others are all open.
  assert.equal(await history.locator('[data-testid="history-row"][data-open="true"]').count(), 3)
  await page.getByTestId('contact-comms').getByText('约定下周上门演示对接方案').waitFor()
  // Both requests' histories have the link.
  for (const id of [reqs.old.id, reqs.next.id]) {
    const d = await api(page, 'RequestsApp/Get', [id])
    assert.ok(d.history.some((e) => e.action === 'link'), `history of ${id}`)
  }
})

test('a new need written in feedback becomes a linked request in one click', async () => {
  await api(page, 'RequestsApp/SaveRecord', [
    {
      requestId: reqs.old.id, kind: 'feedback', parentId: '',
      body: {
        obtained: true, timeliness: 5, effectiveness: 4, attitude: 5, overall: 5, solved: true,
        newNeeds: '希望增加月度对账报表导出', method: 'phone', on: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      },
    },
  ])
  // (The page is on this request already: load it afresh, on its feedback tab.)
  await page.goto(`${base}/#/requests/${reqs.old.id}?tab=feedback`)
  await page.reload()
  await page.click('[data-testid="feedback-follow-up"]')
  await page.locator('.n-dialog').getByRole('button', { name: '登记为新需求' }).click()
  await page.waitForFunction((id) => /#\/requests\/[^/?]+/.test(location.hash) && !location.hash.includes(id), reqs.old.id)
  await page.getByTestId('detail-title').getByText('希望增加月度对账报表导出').waitFor()
  await page.getByTestId('header-links').getByText(reqs.old.number).waitFor()
  const id = page.url().match(/#\/requests\/([^/?]+)/)[1]
  const d = await api(page, 'RequestsApp/Get', [id])
  assert.equal(d.request.fields.customerId, cust.customer.id)
  assert.equal(d.request.fields.contactId, cust.contacts[0].id)
  assert.equal(d.request.status, 'registered')

  // The new request's page: its link, the customer's other requests (the
  // first with the customer's satisfaction) and the contact's communication.
  await page.click('[data-testid="tab-related"]')
  await page.getByTestId('customer-history').locator(`[data-testid="history-row"]`).first().waitFor()
  await page.getByTestId('customer-history').locator('.n-rate').first().waitFor()
  await page.setViewportSize({ width: 1366, height: 1180 })
  await page.getByTestId('contact-comms').scrollIntoViewIfNeeded()
  await quiet()
  await screenshot(page, 'customer-history', path.join(screenshotsDir, 'customer-history.png'))
  await page.setViewportSize({ width: 1366, height: 800 })

  // The customer page lists all of them with their states and satisfaction.
  await page.goto(`${base}/#/customers/${cust.customer.id}`)
  const all = page.getByTestId('customer-requests-history')
  await all.locator('[data-testid="customer-request-row"]').first().waitFor()
  assert.equal(await all.locator('[data-testid="customer-request-row"]').count(), 5)
  await all.getByTestId('customer-requests-summary').getByText('平均满意度 5.0').waitFor()
})

test('the keyboard shortcuts, and none while typing', async () => {
  await page.goto(`${base}/#/dashboard`)
  await page.getByTestId('dashboard-view').waitFor()
  await page.locator('body').click({ position: { x: 600, y: 5 } })
  await page.keyboard.press('?')
  const help = page.getByTestId('shortcuts-dialog')
  await help.waitFor()
  await help.getByText('搜索需求').waitFor()
  await help.getByTestId('shortcut-goMyWork').waitFor()
  await screenshot(page, 'shortcuts')
  await page.keyboard.press('Escape')
  await help.waitFor({ state: 'hidden' })

  // g l: the list; j marks the first row, Enter opens it.
  await page.keyboard.press('g')
  await page.keyboard.press('l')
  await page.getByTestId('list-view').waitFor()
  await page.locator('[data-testid="request-row"]').first().waitFor()
  await page.keyboard.press('j')
  await page.locator('[data-testid="request-row"][data-current="true"]').waitFor()
  await page.keyboard.press('j')
  await page.keyboard.press('k')
  const marked = await page.locator('[data-testid="request-row"][data-current="true"]').getAttribute('data-number')
  const first = await page.locator('[data-testid="request-row"]').first().getAttribute('data-number')
  assert.equal(marked, first)

  // /: the search box has the keyboard; n typed into it stays there.
  await page.keyboard.press('/')
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid="list-search"]') !== null)
  await page.keyboard.type('n对接')
  assert.equal(await page.locator('[data-testid="list-search"] input').inputValue(), 'n对接')
  assert.ok(page.url().includes('#/requests'), page.url())

  // In My work, j and k move the focus through its links.
  await page.locator('[data-testid="list-search"] input').blur()
  await page.keyboard.press('g')
  await page.keyboard.press('m')
  await page.getByTestId('my-work-view').waitFor()
  await page.locator('[data-testid="work-link"]').first().waitFor()
  await page.keyboard.press('j')
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'work-link')
  await page.keyboard.press('g')
  await page.keyboard.press('l')
  await page.getByTestId('list-view').waitFor()

  // Out of the field, n opens the intake form.
  await page.locator('[data-testid="list-search"] input').blur()
  await page.keyboard.press('n')
  await page.waitForFunction(() => location.hash.startsWith('#/intake'))
})
