// End-to-end: plan 004's two reports in 报告. Two requests received this
// morning (the program's and the browser's clocks stand at Friday
// 2026-11-20 10:00 in Beijing), one on 在线客服 answered after 10 minutes
// (its standard is 3), one by 邮件 answered in 30 minutes, and a complaint
// about the first. The 沟通现状诊断 tab shows the channels against their
// standards and the complaint's cause; the issuer writes the analysis and
// proposals, issues version 1, opens it, and downloads its PDF, read back as
// text. The 年度效果评估 tab shows the year's goals by stage. Then both
// tabs over the demo data, for the README's pictures.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { after, before, test } from 'node:test'
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

const run = promisify(execFile)
const clockAt = '2026-11-20T10:00:00+08:00'
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

async function settled(page) {
  await page.waitForFunction(() => document.querySelector('.n-data-table-loading-wrapper, .n-spin, [data-loading]') === null)
}

test('a communication diagnosis is written, issued and downloaded; the annual evaluation shows its goals', { timeout: 240_000 }, async () => {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  const srv = await startServer(dir, { env: { REQDESK_TEST_CLOCK: clockAt } })
  cleanups.push(() => srv.stop())
  const { context, page } = await newPage(browser, { width: 1280, height: 820 })
  cleanups.push(() => context.close())
  await page.clock.setFixedTime(new Date(clockAt))
  cleanups.push(() => screenshot(page, 'commreports-last').catch(() => undefined))
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  const base = srv.url.split('/?')[0]
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()

  const settings = await api(page, 'SettingsApp/Get')
  await api(page, 'SettingsApp/Save', [{ ...settings, profileName: '王强', companyName: '华东信息服务有限公司' }])
  await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '李娜', department: '客服部', roles: ['agent'], phone: '', email: '', active: true }])
  const cust = await api(page, 'CustomersApp/Create', [
    { fields: { name: '华信科技有限公司', industry: '信息技术' }, contacts: [{ name: '张伟', phone: '13800138000' }] },
  ])
  const at = (hm) => `2026-11-20T${hm}:00+08:00`
  const made = []
  for (const [channel, answered] of [
    ['在线客服', '09:10'],
    ['邮件', '09:30'],
  ]) {
    const req = await api(page, 'RequestsApp/Create', [
      {
        customerId: cust.customer.id, contactId: cust.contacts[0].id, contactName: '张伟', channel, type: '技术咨询',
        urgency: 'normal', title: '咨询系统对接方案', receivedAt: at('09:00'), receivedBy: '李娜',
      },
    ])
    await api(page, 'RequestsApp/SaveRecord', [
      {
        requestId: req.id, kind: 'communication', id: '', version: 0, parentId: '',
        body: { at: at(answered), channel, with: '张伟', summary: '答复对接问题', nextStep: '明日回访' },
      },
    ])
    made.push(req)
  }
  await api(page, 'RequestsApp/RegisterComplaint', [
    made[0].id,
    { receivedAt: at('09:40'), channel: '电话', complainant: '张伟', cause: 'timeliness', content: '回复太慢' },
  ])

  // 沟通现状诊断 for November: the channels against their standards.
  await page.goto(`${base}/#/reports?tab=diagnosis&period=2026-11`)
  const panel = page.getByTestId('report-panel-diagnosis')
  await panel.getByTestId('diagnosis-report').waitFor({ timeout: 30_000 })
  await settled(page)
  const online = await panel.locator('[data-testid=diagnosis-channels] tr[data-channel="在线客服"]').innerText()
  assert.match(online, /3 分钟（工作时间）[\s\S]*10\.0 分钟[\s\S]*0\/1[\s\S]*0\.0%/)
  const mail = await panel.locator('[data-testid=diagnosis-channels] tr[data-channel="邮件"]').innerText()
  assert.match(mail, /24 小时[\s\S]*30\.0 分钟[\s\S]*1\/1[\s\S]*100\.0%/)
  assert.match(await panel.getByTestId('report-findings').innerText(), /“在线客服”有 1 次超过标准/)
  assert.match(await panel.getByTestId('report-findings').innerText(), /投诉最多的原因是“处理时效”（1 件，占 100\.0%）/)
  await screenshot(page, 'report-diagnosis-fixture')

  await panel.getByTestId('problems-input').locator('textarea').fill('在线客服上午高峰只有一人值班。')
  await panel.getByTestId('measures-input').locator('textarea').fill('上午增设一名在线客服值班。')
  await panel.getByTestId('report-issue').click()
  await page.locator('.n-popconfirm__action .n-button--primary-type').click()
  await page.getByText('已出具第 1 版').first().waitFor()
  await panel.locator('[data-testid=issued-row][data-version="1"][data-period="2026-11"]').waitFor()

  // A second complaint after issuing changes the live report, not version 1.
  await api(page, 'RequestsApp/RegisterComplaint', [
    made[1].id,
    { receivedAt: at('09:50'), channel: '电话', complainant: '张伟', cause: 'attitude', content: '语气生硬' },
  ])
  await panel.getByTestId('issued-open').first().click()
  await panel.getByTestId('issued-banner').waitFor()
  assert.equal(await panel.getByTestId('problems-text').innerText(), '在线客服上午高峰只有一人值班。')
  assert.equal(await panel.getByTestId('diagnosis-causes').innerText(), '处理时效 1 件')
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), panel.getByTestId('report-pdf').click()])
  assert.match(download.suggestedFilename(), /^客户沟通现状诊断报告-2026-11-V1\.pdf$/)
  const pdfPath = path.join(dir, 'diagnosis.pdf')
  await download.saveAs(pdfPath)
  const { stdout: pdfText } = await run('pdftotext', ['-layout', pdfPath, '-'])
  assert.match(pdfText, /客户沟通现状诊断报告/)
  assert.match(pdfText, /ZD-2026-11-V1/)
  assert.match(pdfText, /本期登记投诉 1 件/)
  assert.match(pdfText, /上午增设一名在线客服值班。/)
  await panel.getByTestId('report-back-live').click()
  await panel.getByTestId('problems-input').waitFor()
  await settled(page)
  assert.equal(await panel.getByTestId('diagnosis-causes').innerText(), '处理时效 1 件，服务态度 1 件')

  // 年度效果评估 for 2026: the goals by stage, the online channel's 0/1 in the long term.
  await page.goto(`${base}/#/reports?tab=annual&period=2026`)
  const annual = page.getByTestId('report-panel-annual')
  await annual.getByTestId('annual-report').waitFor({ timeout: 30_000 })
  await settled(page)
  const goal = await annual.getByTestId('goal-on_time_channel_respond').innerText()
  assert.match(goal, /渠道首次响应按时率[\s\S]*50\.0%[\s\S]*50\.0%/)
  // The download's message gone, for the picture.
  await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: 20_000 })
  await screenshot(page, 'report-annual-fixture')

  assert.deepEqual(errors, [])
})

test('both reports look right with the demo data', { timeout: 300_000 }, async () => {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  await fillDemo(dir)
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  const { context, page } = await newPage(browser, { width: 1280, height: 820 })
  cleanups.push(() => context.close())
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  const base = srv.url.split('/?')[0]
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  await page.goto(`${base}/#/reports?tab=diagnosis`)
  const diag = page.getByTestId('report-panel-diagnosis')
  await diag.getByTestId('diagnosis-report').waitFor({ timeout: 30_000 })
  await settled(page)
  // Every row of the channel table names its standard or says it has none.
  for (const row of await diag.locator('[data-testid=diagnosis-channels] tbody tr').all()) {
    assert.match(await row.innerText(), /(分钟|小时|秒|未设标准)/)
  }
  await screenshot(page, 'report-diagnosis', path.join(screenshotsDir, 'report-diagnosis.png'))
  await page.goto(`${base}/#/reports?tab=annual`)
  const annual = page.getByTestId('report-panel-annual')
  await annual.getByTestId('annual-report').waitFor({ timeout: 30_000 })
  await settled(page)
  assert.ok((await annual.locator('[data-testid=annual-goals] tbody tr').count()) >= 10)
  const over = await page.getByTestId('reports-view').evaluate((el) => el.scrollWidth - el.clientWidth)
  assert.ok(over <= 0, `the annual report is ${over}px wider than its pane`)
  await screenshot(page, 'report-annual', path.join(screenshotsDir, 'report-annual.png'))
  assert.deepEqual(errors, [])
})
