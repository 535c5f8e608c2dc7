// End-to-end: an urgent request gets an 应急处置 tab where the response
// group's meeting, plan and resources are recorded (办法 003); a record
// without its plan is refused with the field marked.
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

test('an urgent request keeps its emergency record', async () => {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  const { context, page } = await newPage(browser)
  cleanups.push(() => context.close())
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
    // The receiver is picked from the people list (设置 → 人员).
    await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '李娜', department: '客服部', roles: ['agent'], phone: '', email: '', active: true }])

  const cust = await api(page, 'CustomersApp/Create', [{ fields: { name: '天成精密机械有限公司', industry: '制造业' }, contacts: [] }])
  const req = await api(page, 'RequestsApp/Create', [{
    customerId: cust.customer.id, channel: '电话', type: '问题(报障)', urgency: 'urgent',
    title: '生产线控制系统停机', receivedAt: new Date().toISOString(), receivedBy: '李娜',
  }])

  await page.goto(`${srv.url.split('/?')[0]}/#/requests/${req.id}`)
  await page.click('[data-testid="tab-emergency"]')
  await page.click('[data-testid="rs-add-emergency"]')
  const modal = page.locator('[data-testid="rs-modal-emergency"]')
  await modal.locator('[data-testid="rec-leader"] input').fill('孙建国')
  await modal.locator('[data-testid="rs-save"]').click()
  await modal.locator('[data-testid="rec-plan"] .n-form-item-feedback').waitFor()
  assert.match(await modal.locator('[data-testid="rec-plan"]').innerText(), /必填/)

  await modal.locator('[data-testid="rec-plan"] textarea').fill('调派备用控制器，专家两小时内到场')
  await modal.locator('[data-testid="rec-resources"] textarea').fill('备用控制器 1 台；工程师 2 名')
  await modal.locator('[data-testid="rs-save"]').click()
  await modal.waitFor({ state: 'hidden' })
  const item = page.locator('[data-testid="panel-emergency"] [data-testid="rs-item"]')
  await item.waitFor()
  const text = await item.innerText()
  assert.match(text, /调派备用控制器/)
  assert.match(text, /备用控制器 1 台/)
  assert.match(text, /孙建国/)
  await screenshot(page, 'emergency')

  const detail = await api(page, 'RequestsApp/Get', [req.id])
  const recs = detail.records.filter((r) => r.kind === 'emergency')
  assert.equal(recs.length, 1)
  assert.equal(recs[0].body.leader, '孙建国')
})
