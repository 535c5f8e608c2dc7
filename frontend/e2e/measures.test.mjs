// End-to-end: plan 004's measures and the quarterly value assessment. A
// high-value need (its analysis scores customer value 4) is listed as due in
// 季度价值评估; the form refuses an improvement without saying what it was,
// then records the quarter's assessment; on the dashboard 需求转化率 moves
// from nothing to 100%, and 线下沟通记录完整率 from nothing to 100% after a
// complete phone record; each card says how it is computed and opens its
// requests.
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

async function dashboard(page, base) {
  // A reload: the first-run guide, shown while the database was empty, is gone once requests exist.
  await page.goto(`${base}/#/dashboard`)
  await page.reload()
  await page.getByTestId('kpi-received').waitFor({ timeout: 60_000 })
  await page.getByTestId('dashboard-refresh').click()
  await page.getByTestId('plan004-grid').waitFor({ timeout: 60_000 })
  await page.waitForTimeout(500)
}

async function cardValue(page, id) {
  return (await page.getByTestId(`kpi-${id}`).getByTestId('kpi-value').innerText()).replace(/\s+/g, '')
}

test('a high-value need is assessed and the measures move', async () => {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  const { context, page } = await newPage(browser)
  cleanups.push(() => context.close())
  const base = srv.url.split('/?')[0]
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '王强', department: '客服部', roles: ['supervisor'], phone: '', email: '', active: true }])
  await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '李娜', department: '客服部', roles: ['agent'], phone: '', email: '', active: true }])
  const settings = await api(page, 'SettingsApp/Get')
  await api(page, 'SettingsApp/Save', [{ ...settings, profileName: '王强', companyName: '华东信息服务有限公司' }])
  const cust = await api(page, 'CustomersApp/Create', [
    { fields: { name: '华信科技有限公司', industry: '信息技术' }, contacts: [{ name: '张伟', phone: '13800138000' }] },
  ])
  const req = await api(page, 'RequestsApp/Create', [
    {
      customerId: cust.customer.id, contactId: cust.contacts[0].id, contactName: '张伟', channel: '电话', type: '建议',
      urgency: 'important', title: '开票流程优化建议', receivedAt: new Date(Date.now() - 3600_000).toISOString(), receivedBy: '李娜',
    },
  ])
  const number = req.number

  // Before: nothing assessed, no offline record.
  await dashboard(page, base)
  assert.equal(await cardValue(page, 'conversion_rate'), '—')
  assert.equal(await cardValue(page, 'offline_record_rate'), '—')
  assert.match(await page.getByTestId('kpi-offline_record_rate').getByTestId('kpi-target').innerText(), /≥ 95%/)
  assert.match(await page.getByTestId('kpi-archive_completeness').getByTestId('kpi-target').innerText(), /≥ 98%/)
  // The card says how it is computed.
  await page.getByTestId('kpi-online_satisfaction').locator('.kpi-name').hover()
  await page.getByText('经线上渠道（在线客服').first().waitFor()

  // Not yet high-value: the quarter's list is empty.
  await page.mouse.move(600, 5)
  await page.goto(`${base}/#/value`)
  await page.getByTestId('value-view').waitFor()
  await page.getByText('这个季度没有高价值需求').waitFor()

  // The analysis scores customer value 4: a high-value need, due this quarter.
  await api(page, 'RequestsApp/SaveRecord', [
    { requestId: req.id, kind: 'analysis', id: '', version: 0, parentId: '', body: { customerValue: 4, businessValue: 3 } },
  ])
  // A complete phone record: who, what, next step.
  await api(page, 'RequestsApp/SaveRecord', [
    {
      requestId: req.id, kind: 'communication', id: '', version: 0, parentId: '',
      body: { at: new Date(Date.now() - 1800_000).toISOString(), channel: '电话', with: '张伟', summary: '了解开票流程的痛点', nextStep: '整理优化方案' },
    },
  ])
  await page.reload()
  await page.getByTestId(`value-assess-${number}`).click()
  await page.getByTestId('value-form').waitFor()
  await page.locator('[data-testid="value-form-cost"] input').fill('12000')
  await page.getByTestId('value-form-improvement').click()
  await page.getByText('服务优化', { exact: true }).click()
  // An improvement without what it was is refused beside the field.
  await page.getByTestId('value-form-save').click()
  await page.getByText('此项为必填项').first().waitFor()
  await page.locator('[data-testid="value-form-improvement-note"] textarea').fill('开票改为线上自助办理')
  await page.getByTestId('value-form-save').click()
  await page.getByText('已记录本季度的价值评估').waitFor()
  await page.getByText('已评估', { exact: true }).first().waitFor()
  assert.match(await page.getByTestId('value-summary').innerText(), /已评估 1 条/)
  await screenshot(page, 'value-assessment')

  // After: 1 assessed high-value need made into an improvement: 100%;
  // the one offline record is complete: 100%.
  await dashboard(page, base)
  assert.equal(await cardValue(page, 'conversion_rate'), '100.0%')
  assert.equal(await cardValue(page, 'offline_record_rate'), '100.0%')
  // The number opens its requests.
  await page.getByTestId('kpi-offline_record_rate').getByTestId('kpi-value').click()
  await page.getByTestId('request-table').waitFor()
  await page.locator(`[data-testid=request-row][data-number="${number}"]`).waitFor()
})
