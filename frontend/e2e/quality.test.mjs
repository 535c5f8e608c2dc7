// End-to-end: communication quality (plan 004). A supervisor writes a reply
// script in 话术库; the consultant inserts it into a communication record
// with Alt+H; the supervisor draws the week's quality check, fails the
// record, which opens a 整改 item, and closes it with what was done; the
// measures 话术适配率, 抽检合格率 and 整改率 move with each step.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, ensureTools, launchBrowser, makeDataDir, newPage, removeDir, screenshot, startServer } from './server.mjs'

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

/** isoWeek is the ISO week key of today in the company's zone (Asia/Shanghai). */
function isoWeek() {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7) + 3)
  const week = 1 + Math.floor((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86400000 / 7)
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

async function measure(page, id) {
  await page.click('[data-testid="measures-refresh"]')
  await page.waitForTimeout(300)
  return (await page.locator(`[data-testid="measure-value-${id}"]`).innerText()).trim()
}

test('a script is used, checked, failed and put right', async () => {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  const { context, page } = await newPage(browser)
  cleanups.push(() => context.close())
  const base = srv.url.split('/?')[0]
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  for (const p of [
    { name: '王强', department: '客服部', roles: ['supervisor'] },
    { name: '李娜', department: '客服部', roles: ['agent'] },
  ]) {
    await api(page, 'SettingsApp/SavePerson', ['', 0, { ...p, phone: '', email: '', active: true }])
  }
  const settings = await api(page, 'SettingsApp/Get')
  const as = (name) => api(page, 'SettingsApp/Save', [{ ...settings, profileName: name, companyName: '华东信息服务有限公司' }])
  await as('王强')
  const cust = await api(page, 'CustomersApp/Create', [
    { fields: { name: '华信科技有限公司', industry: '信息技术' }, contacts: [{ name: '张伟', phone: '13800138000' }] },
  ])
  const req = await api(page, 'RequestsApp/Create', [
    {
      customerId: cust.customer.id, contactId: cust.contacts[0].id, contactName: '张伟', channel: '电话', type: '技术咨询',
      urgency: 'normal', title: '咨询系统对接方案', receivedAt: new Date(Date.now() - 3600_000).toISOString(), receivedBy: '李娜',
    },
  ])

  // 王强 writes the script; a field the program does not know is refused, naming it.
  await page.goto(`${base}/#/quality`)
  await page.click('[data-testid="script-new"]')
  await page.locator('[data-testid="script-title"] input').fill('首次回复问候')
  await page.locator('[data-testid="script-body"] textarea').fill('{联系人}您好！{客户名称}的需求{需求编号}已收到，订单{订单号}')
  await page.click('[data-testid="script-save"]')
  await page.getByText('“订单号”不是可用的字段').first().waitFor()
  await page.locator('[data-testid="script-body"] textarea').fill('{联系人}您好！{客户名称}的需求{需求编号}已收到，我们将尽快处理。')
  await page.click('[data-testid="script-save"]')
  await page.locator('[data-testid="scripts-table"]').getByText('首次回复问候').waitFor()

  // 李娜 uses it in a communication record: Alt+H, Enter.
  await as('李娜')
  await page.goto(`${base}/#/requests/${req.id}`)
  await page.click('[data-testid="tab-communication"]')
  await page.click('[data-testid="rs-add-communication"]')
  const modal = page.locator('[data-testid="rs-modal-communication"]')
  await modal.waitFor()
  await page.keyboard.press('Alt+h')
  await page.locator('.n-base-select-option').filter({ hasText: '首次回复问候' }).first().waitFor()
  await page.keyboard.press('Enter')
  const summary = modal.locator('[data-testid="rec-summary"] textarea')
  await page.waitForFunction(() => document.querySelector('[data-testid="rec-summary"] textarea')?.value.includes('张伟您好'))
  assert.equal(await summary.inputValue(), `张伟您好！华信科技有限公司的需求${req.number}已收到，我们将尽快处理。`)
  await modal.locator('[data-testid="rs-save"]').click()
  await modal.waitFor({ state: 'hidden' })
  const detail = await api(page, 'RequestsApp/Get', [req.id])
  const rec = detail.records.find((r) => r.kind === 'communication')
  assert.equal(rec.body.scriptRevision, 1)

  // 王强 draws this week's check: 李娜's record is in it; he fails it.
  await as('王强')
  await page.goto(`${base}/#/quality?tab=measures`)
  assert.equal(await measure(page, 'script_fit_rate'), '100.0%')
  assert.equal(await measure(page, 'check_pass_rate'), '—')
  await page.goto(`${base}/#/quality?tab=checks`)
  await page.locator('[data-testid="check-week"] input').fill(isoWeek())
  await page.click('[data-testid="check-draw"]')
  await page.locator('[data-testid="check-detail"]').waitFor()
  await page.click(`[data-testid="score-${req.number}"]`)
  await page.locator('[data-testid="score-item-chk-confirm"] input').fill('9')
  await page.click('[data-testid="score-save"]')
  await page.getByText('须在 0 至 5 之间').first().waitFor()
  for (const id of ['chk-greeting', 'chk-timely', 'chk-complete', 'chk-correct', 'chk-tone', 'chk-confirm']) {
    await page.locator(`[data-testid="score-item-${id}"] input`).fill('1')
  }
  await page.locator('[data-testid="score-preview"]').getByText('不合格').waitFor()
  await page.locator('[data-testid="rect-problem"] textarea').fill('结束时未与客户确认问题是否解决')
  await page.click('[data-testid="score-save"]')
  await page.locator(`[data-testid="rect-close-${req.number}"]`).waitFor()
  await screenshot(page, 'quality-check')

  await page.goto(`${base}/#/quality?tab=measures`)
  assert.equal(await measure(page, 'check_pass_rate'), '0.0%')
  assert.equal(await measure(page, 'rectification_rate'), '0.0%')

  // The 整改 item is closed only with what was done.
  await page.goto(`${base}/#/quality?tab=checks`)
  await page.click(`[data-testid="check-open-${isoWeek()}"]`)
  await page.click(`[data-testid="rect-close-${req.number}"]`)
  await page.click('[data-testid="rect-close-save"]')
  await page.getByText('此项为必填项').first().waitFor()
  await page.locator('[data-testid="rect-action"] textarea').fill('已复习结束语话术，并电话回访客户确认问题已解决')
  await page.click('[data-testid="rect-close-save"]')
  await page.locator('[data-testid="check-items"]').getByText('已整改').waitFor()

  await page.goto(`${base}/#/quality?tab=measures`)
  assert.equal(await measure(page, 'rectification_rate'), '100.0%')
  await page.click('[data-testid="measure-rectification_rate"]')
  await page.locator('[data-testid="measure-refs"]').getByText(req.number).waitFor()
  await screenshot(page, 'quality-measures')
})
