// End-to-end: the dashboard and the reports against the real binary. The
// program's clock starts at a moment the test chooses (REQDESK_TEST_CLOCK)
// and the browser's clock is set to the same moment, so "this month" is
// November 2026. Requests are set up through the API: three received in
// November (one of them judged invalid) and one in October. The test reads
// a KPI, clicks it through to the list and sees exactly the requests behind
// it, then writes and issues a quarterly report, opens the issued version
// and checks that its numbers stay as issued when the data changes.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, test } from 'node:test'
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

// Friday 2026-11-20 10:00 in Beijing.
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

/** settled waits until no table, view or report is loading. */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('.n-data-table-loading-wrapper, .n-spin, [data-loading]') === null)
}

/** listedNumbers returns the request numbers the list shows once it has loaded. */
async function listedNumbers(page) {
  await page.getByTestId('request-table').waitFor()
  await settled(page)
  return (await page.locator('[data-testid=request-row]').evaluateAll((rows) => rows.map((r) => r.dataset.number))).sort()
}

async function openDashboard(page) {
  await page.getByTestId('nav-dashboard').click()
  await page.getByTestId('kpi-received').waitFor()
  // The dashboard may already have been open: ask for today's numbers.
  await page.getByTestId('dashboard-refresh').click()
  await settled(page)
}

function kpi(page, id) {
  return page.getByTestId(`kpi-${id}`)
}

describe('仪表盘与报告', () => {
  test('a KPI leads to exactly its requests; a quarterly report is issued and keeps its numbers', { timeout: 180_000 }, async () => {
    const dir = await makeDataDir()
    cleanups.push(() => removeDir(dir))
    const srv = await startServer(dir, { env: { REQDESK_TEST_CLOCK: clockAt } })
    cleanups.push(() => srv.stop())

    const { context, page } = await newPage(browser, { width: 1280, height: 820 })
    cleanups.push(() => context.close())
    await page.clock.setFixedTime(new Date(clockAt))
    // Kept for a look when the test fails.
    cleanups.push(() => screenshot(page, 'dashboard-flow-last').catch(() => undefined))
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(srv.url)
    await page.getByTestId('dashboard-view').waitFor()

    // An empty database opens the first-run guide instead of drawing zeros.
    await page.getByTestId('first-run-guide').waitFor()
    assert.equal(await page.getByTestId('kpi-grid').count(), 0)
    assert.match(await page.getByTestId('dashboard-period').innerText(), /2026年11月/)

    const settings = await api(page, 'SettingsApp/Get')
    await api(page, 'SettingsApp/Save', [{ ...settings, profileName: '李娜' }])
    const vocab = await api(page, 'SettingsApp/Vocabularies')
    const type = vocab.types.find((v) => v.active).label
    const channel = vocab.channels.find((v) => v.active).label
    // The receiver is picked from the people list (设置 → 人员); the new
    // profile name put 李娜 on it, as 客服专员.
    const people = await api(page, 'SettingsApp/People')
    const lina = people.filter((p) => p.name === '李娜')
    assert.equal(lina.length, 1)
    assert.ok(lina[0].active && lina[0].roles.includes('agent'), JSON.stringify(lina[0]))
    const cust = await api(page, 'CustomersApp/Create', [
      { fields: { name: '苏州恒达精密制造有限公司', industry: '制造业', address: '', notes: '' }, contacts: [] },
    ])
    const base = {
      customerId: cust.customer.id,
      contactId: '',
      contactName: '陈晓',
      contactInfo: '13913571234',
      channel,
      type,
      category: '',
      urgency: 'normal',
      impactScope: '',
      description: '',
      background: '',
      expectedOutcome: '',
      timeRequirement: '',
      scene: '',
      product: '',
      receivedBy: '李娜',
      owner: '',
      department: '',
    }
    const create = (title, at) => api(page, 'RequestsApp/Create', [{ ...base, title, receivedAt: new Date(at).toISOString() }])
    const a = await create('生产报表导出格式错乱', '2026-11-18T09:30:00+08:00')
    const b = await create('设备对接接口超时', '2026-11-19T14:00:00+08:00')
    const c = await create('设备对接接口超时（重复登记）', '2026-11-20T09:00:00+08:00')
    const d = await create('十月对账单核对', '2026-10-15T10:00:00+08:00')
    await api(page, 'RequestsApp/Move', [c.id, c.version, { action: 'reject', reason: '与前一条重复', duplicateOf: b.number }])

    // Requests exist now: the guide is gone after a reload.
    await page.reload()
    await page.getByTestId('kpi-received').waitFor()
    assert.equal(await page.getByTestId('first-run-guide').count(), 0)

    // Received this month: a, b and c. November is on its 20th day: it is
    // compared with October's 1st to 20th, and the dashboard says so.
    await openDashboard(page)
    assert.match(await page.getByTestId('dashboard-in-progress').innerText(), /2026年10月1日至20日/)
    assert.match(await kpi(page, 'received').getByTestId('kpi-change').innerText(), /较上月同期/)
    const received = kpi(page, 'received').getByTestId('kpi-value')
    assert.match(await received.innerText(), /^3\s*条$/)
    assert.match(await kpi(page, 'received').innerText(), /上期 1/, 'October had one')
    await received.click()
    await page.getByTestId('drill-banner').waitFor()
    assert.match(await page.getByTestId('drill-label').innerText(), /2026年11月 · 受理需求数/)
    assert.deepEqual(await listedNumbers(page), [a.number, b.number, c.number].sort())

    // The resolution rate counts the two valid ones, neither solved: 0.0%, and "the rest" are a and b.
    await page.getByTestId('drill-back').click()
    await page.getByTestId('kpi-resolution_rate').waitFor()
    await settled(page)
    const resolution = kpi(page, 'resolution_rate')
    assert.match(await resolution.getByTestId('kpi-value').innerText(), /^0\.0\s*%$/)
    assert.match(await resolution.getByTestId('kpi-target').innerText(), /≥ 95%/)
    // The target explains itself on hover, in plain words.
    await resolution.getByTestId('kpi-target').hover()
    assert.match(await page.getByTestId('kpi-target-explain').innerText(), /目标：问题解决率不低于 95%。本期 0%，未达标。/)
    await page.mouse.move(5, 795)
    assert.match(await resolution.getByTestId('kpi-n').innerText(), /2 条/)
    await resolution.getByTestId('kpi-misses').click()
    await page.getByTestId('drill-banner').waitFor()
    assert.match(await page.getByTestId('drill-label').innerText(), /问题解决率 · 未解决/)
    assert.deepEqual(await listedNumbers(page), [a.number, b.number].sort())
    // Closing the banner shows the whole list again.
    await page.getByTestId('drill-banner').locator('.n-base-close').click()
    await page.getByTestId('drill-banner').waitFor({ state: 'hidden' })
    assert.deepEqual(await listedNumbers(page), [a.number, b.number, c.number, d.number].sort())

    // The backlog: three open requests in intake (c was judged invalid).
    await openDashboard(page)
    assert.match(await page.getByTestId('backlog-total').innerText(), /共 3 条/)
    await page.getByTestId('backlog-intake').click()
    assert.deepEqual(await listedNumbers(page), [a.number, b.number, d.number].sort())

    // The quarterly report: last quarter by default; the one after is 2026 Q4.
    await page.getByTestId('nav-reports').click()
    await page.getByTestId('reports-view').waitFor()
    await page.locator('.n-tabs-tab', { hasText: '季度评估报告' }).click()
    const panel = page.getByTestId('report-panel-quarterly')
    await panel.getByTestId('quarterly-report').waitFor()
    assert.match(await panel.getByTestId('quarterly-report').innerText(), /2026年第三季度/)
    await panel.getByTestId('period-next').click()
    await panel.getByTestId('quarterly-report').getByText('2026年第四季度').first().waitFor()
    await settled(page)
    const quarterReceived = panel.getByTestId('indicator-received').getByTestId('indicator-value')
    assert.equal(await quarterReceived.innerText(), '4 条')
    assert.match(await panel.getByTestId('indicator-resolution_rate').innerText(), /0\.0%[\s\S]*≥ 95%[\s\S]*未达标/)
    assert.match(await panel.getByTestId('report-findings').innerText(), /问题解决率为 0\.0%，未达到目标/)

    await panel.getByTestId('problems-input').locator('textarea').fill('设备对接接口超时反复出现，且尚无一条解决。')
    await panel.getByTestId('measures-input').locator('textarea').fill('技术支持部牵头排查接口超时，每周通报进展。')
    await panel.getByTestId('report-save').click()
    await page.getByText('已保存').first().waitFor()
    await panel.getByTestId('report-issue').click()
    await page.locator('.n-popconfirm__action .n-button--primary-type').click()
    await page.getByText('已出具第 1 版').first().waitFor()
    await panel.locator('[data-testid=issued-row][data-version="1"][data-period="2026Q4"]').waitFor()
    await panel.getByTestId('latest-issued').waitFor()

    // A request received in October after issuing changes the live report only.
    await create('十月遗漏登记的咨询', '2026-10-28T16:00:00+08:00')
    await panel.getByTestId('issued-open').first().click()
    const banner = panel.getByTestId('issued-banner')
    await banner.waitFor()
    assert.match(await banner.innerText(), /已出具第 1 版（2026-11-20 \d\d:\d\d，李娜），数字不随后续修改变化/)
    assert.equal(await panel.getByTestId('indicator-received').getByTestId('indicator-value').innerText(), '4 条')
    assert.equal(await panel.getByTestId('problems-text').innerText(), '设备对接接口超时反复出现，且尚无一条解决。')
    // The issued version as a PDF: its own numbers and texts, read back as text.
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('report-pdf').click()])
    assert.match(download.suggestedFilename(), /\.pdf$/)
    const pdfPath = path.join(dir, 'issued.pdf')
    await download.saveAs(pdfPath)
    const { stdout: pdfText } = await run('pdftotext', ['-layout', pdfPath, '-'])
    assert.match(pdfText, /季度评估报告/)
    assert.match(pdfText, /第\s*1\s*版/)
    assert.match(pdfText, /设备对接接口超时反复出现/)
    assert.match(pdfText, /受理需求数\s+4\s*条/)
    await panel.getByTestId('report-back-live').click()
    await panel.getByTestId('problems-input').waitFor()
    await settled(page)
    assert.equal(await panel.getByTestId('indicator-received').getByTestId('indicator-value').innerText(), '5 条')

    assert.deepEqual(errors, [])
  })

  test('looks right with the demo data', { timeout: 120_000 }, async () => {
    const dir = await makeDataDir()
    cleanups.push(() => removeDir(dir))
    await fillDemo(dir)
    const srv = await startServer(dir)
    cleanups.push(() => srv.stop())
    const { context, page } = await newPage(browser, { width: 1280, height: 820 })
    cleanups.push(() => context.close())
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(srv.url)
    await page.getByTestId('kpi-received').waitFor()
    await settled(page)
    // Every chart card drew on a canvas.
    for (const card of ['card-backlog', 'card-volume', 'card-quality', 'card-types', 'card-channels']) {
      await page.getByTestId(card).locator('canvas').first().waitFor()
    }
    // Nothing sticks out of the page at this width, nor at 960.
    for (const width of [1280, 960]) {
      await page.setViewportSize({ width, height: 820 })
      await page.waitForTimeout(300) // let the charts follow the new width
      const over = await page.getByTestId('dashboard-view').evaluate((el) => el.scrollWidth - el.clientWidth)
      assert.ok(over <= 0, `the dashboard is ${over}px wider than its pane at ${width}px`)
    }
    await page.setViewportSize({ width: 1280, height: 820 })
    await page.waitForTimeout(500)
    await screenshot(page, 'dashboard', path.join(screenshotsDir, 'dashboard.png'))
    assert.deepEqual(errors, [])
  })
})
