// End-to-end: time limits. The program's clock starts at a moment the test
// chooses (REQDESK_TEST_CLOCK) and the browser's clock is set to the same
// moment, so that one request is breached and one is due soon. The test
// checks what the list, the request detail and the notification centre show,
// escalates to a supervisor set in 时限设置, edits a policy and watches a due
// time move, and imports holiday years (a good file and a bad one).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  api,
  ensureTools,
  launchBrowser,
  makeDataDir,
  newPage,
  removeDir,
  screenshot,
  screenshotsDir,
  startServer,
} from './server.mjs'

// Friday 2026-11-20 10:00 in Beijing: an ordinary working day.
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

/** settled waits until no loading indicator or transition is left on screen. */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('.n-data-table-loading-wrapper, .n-spin') === null)
  await page.waitForTimeout(300)
}

/** createRequest registers a request received at receivedAt (RFC 3339), through the API. */
async function createRequest(page, base, title, receivedAt) {
  return api(page, 'RequestsApp/Create', [{ ...base, title, receivedAt: new Date(receivedAt).toISOString() }])
}

async function openList(page) {
  await page.getByTestId('nav-requests').click()
  await page.getByTestId('request-row').first().waitFor()
  await settled(page)
}

async function openDetail(page, number) {
  await openList(page)
  await page.locator(`[data-testid=request-row][data-number="${number}"] [data-testid=row-number]`).click()
  await page.locator('[data-testid=clock-panel], [data-testid=workspace-clocks]').first().waitFor()
  await settled(page)
  // The detail page may keep the clocks folded under a summary: unfold them.
  if (!(await page.getByTestId('clock-panel').isVisible())) {
    await page.getByTestId('workspace-clocks').locator('.n-collapse-item__header').first().click()
    await page.waitForTimeout(500) // let it finish unfolding
  }
  await page.getByTestId('clock-panel').waitFor()
}

function tab(page, name) {
  return page.locator('.n-tabs-tab', { hasText: name })
}

async function openBell(page) {
  const panel = page.getByTestId('alert-panel')
  if (!(await panel.isVisible())) await page.getByTestId('alert-bell').click()
  await panel.waitFor()
  // Opening asks the backend again; wait for that answer.
  await page.waitForFunction(() => !document.querySelector('[data-testid=alert-refresh] .n-base-loading'))
  return panel
}

async function closeBell(page) {
  await page.keyboard.press('Escape')
  await page.mouse.click(600, 30)
  await page.getByTestId('alert-panel').waitFor({ state: 'hidden' })
}

describe('时限', () => {
  test('shows due-soon and breached requests, escalates, follows policy edits, imports holiday years', { timeout: 240_000 }, async () => {
    const dir = await makeDataDir()
    cleanups.push(() => removeDir(dir))
    const srv = await startServer(dir, { env: { REQDESK_TEST_CLOCK: clockAt } })
    cleanups.push(() => srv.stop())
    assert.match(srv.output().err, /测试时钟/, 'serve reports the test clock')

    const { context, page } = await newPage(browser)
    cleanups.push(() => context.close())
    // The UI counts overdue time from the browser's clock: the same moment.
    await page.clock.setFixedTime(new Date(clockAt))
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(srv.url)
    await page.getByTestId('dashboard-view').waitFor()

    // Setup through the API: a customer and two requests of urgency 重要
    // (first response within 4 hours, resolve within 24 hours, classify
    // within 30 minutes of receipt).
    const vocab = await api(page, 'SettingsApp/Vocabularies')
    const type = vocab.types.find((v) => v.active).label
    const channel = (vocab.channels.find((v) => v.label === '电话') ?? vocab.channels.find((v) => v.active)).label
    // The receiver is picked from the people list (设置 → 人员).
    await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '李娜', department: '客服部', roles: ['agent'], phone: '', email: '', active: true }])
    const cust = await api(page, 'CustomersApp/Create', [
      { fields: { name: '宁波港联物流有限公司', industry: '物流', address: '', notes: '' }, contacts: [] },
    ])
    const base = {
      customerId: cust.customer.id,
      contactId: '',
      contactName: '王强',
      contactInfo: '13805741234',
      channel,
      type,
      category: '',
      urgency: 'important',
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
    // Received yesterday 09:00: classify, first response and resolve are all overdue.
    const late = await createRequest(page, base, '仓储系统出库单无法打印', '2026-11-19T09:00:00+08:00')
    // Received 24 minutes ago: 6 of the 30 minutes to classify are left (20% < 25%).
    const soon = await createRequest(page, base, '咨询月度对账报表导出格式', '2026-11-20T09:36:00+08:00')

    // The list's 时限 column.
    await openList(page)
    const lateBadge = page.locator(`[data-testid=request-row][data-number="${late.number}"] [data-testid=clock-badge]`)
    const soonBadge = page.locator(`[data-testid=request-row][data-number="${soon.number}"] [data-testid=clock-badge]`)
    assert.equal(await lateBadge.getAttribute('data-state'), 'breached')
    assert.match(await lateBadge.innerText(), /分类\s*已超时 1 天/)
    assert.equal(await soonBadge.getAttribute('data-state'), 'due_soon')
    assert.match(await soonBadge.innerText(), /分类\s*即将到期\s*剩余 \d+ 分/)
    await page.locator('th', { hasText: '时限' }).first().waitFor()
    await screenshot(page, 'time-limits-list')

    // The detail's clock panel lists every clock with its state.
    await openDetail(page, late.number)
    const panel = page.getByTestId('clock-panel')
    const row = (kind) => panel.locator(`[data-testid=clock-row][data-kind=${kind}]`)
    assert.equal(await row('classify').getAttribute('data-state'), 'breached')
    assert.equal(await row('respond').getAttribute('data-state'), 'breached')
    assert.equal(await row('resolve').getAttribute('data-state'), 'breached')
    assert.equal(await row('record').getAttribute('data-state'), 'late')
    assert.match(await row('classify').innerText(), /分类[\s\S]*已超时[\s\S]*已超时 1 天/)
    assert.match(await row('resolve').innerText(), /24 小时（全天候）/)
    assert.match(await row('resolve').getByTestId('clock-due').innerText(), /2026-11-20 09:00/)
    await screenshot(page, 'time-limits-detail-breached')

    await openDetail(page, soon.number)
    assert.equal(await row('classify').getAttribute('data-state'), 'due_soon')
    assert.match(await row('classify').innerText(), /即将到期[\s\S]*剩余 \d+ 分/)
    assert.equal(await row('respond').getAttribute('data-state'), 'on_track')
    assert.match(await row('classify').getByTestId('clock-due').innerText(), /2026-11-20 10:06/)

    // The notification centre lists both, breached first; nothing is escalated yet.
    const bell = await openBell(page)
    const item = (number, state) => page.locator(`[data-testid=alert-panel] [data-testid=alert-item][data-number="${number}"][data-state=${state}]`)
    await item(late.number, 'breached').waitFor()
    await item(soon.number, 'due_soon').waitFor()
    assert.match(await item(late.number, 'breached').innerText(), /仓储系统出库单无法打印[\s\S]*宁波港联物流有限公司[\s\S]*分类[\s\S]*已超时 1 天/)
    assert.deepEqual(
      await item(late.number, 'breached').getByTestId('alert-clock').evaluateAll((els) => els.map((e) => e.dataset.kind)),
      ['classify', 'respond', 'resolve'],
    )
    assert.match(await item(soon.number, 'due_soon').innerText(), /咨询月度对账报表导出格式[\s\S]*分类[\s\S]*剩余 \d+ 分/)
    const states = await bell.getByTestId('alert-item').evaluateAll((els) => els.map((e) => e.dataset.state))
    assert.equal(states[0], 'breached')
    assert.ok(states.includes('due_soon'))
    assert.equal(await bell.getByTestId('alert-escalated').count(), 0, 'no supervisor set: nothing escalated')
    // The bell and the group titles count the clocks: the late request's three breached, the other's one due soon.
    const group = (state) => bell.locator(`[data-testid=alert-group][data-state=${state}]`)
    assert.match(await group('breached').locator('.group-title').innerText(), /^已超时（3）$/)
    assert.match(await group('due_soon').locator('.group-title').innerText(), /^即将到期（1）$/)
    for (const state of ['breached', 'due_soon']) {
      assert.equal(
        Number(await group(state).getAttribute('data-count')),
        await group(state).locator(`[data-testid=alert-clock][data-state=${state}]`).count(),
        `every ${state} clock is listed`,
      )
    }
    assert.equal(Number(await page.getByTestId('alert-count').getAttribute('data-count')), 4)
    assert.equal(await bell.getByTestId('alert-capped').count(), 0, 'all listed: no note of a shortened list')
    await screenshot(page, 'time-limits-alerts')
    // An alert leads to its request.
    await item(soon.number, 'due_soon').click()
    await page.waitForURL(new RegExp(`#/requests/${soon.id}$`))

    // 时限设置: the supervisor receives escalations of breached requests.
    await page.getByTestId('nav-timeLimits').click()
    await page.getByTestId('time-limits-view').waitFor()
    await page.getByTestId('policy-row').first().waitFor()
    await settled(page)
    await screenshot(page, 'time-limits', path.join(screenshotsDir, 'time-limits.png'))
    await tab(page, '升级对象').click()
    await page.getByTestId('escalation-supervisor').locator('input').fill('赵敏')
    await page.getByTestId('escalation-leader').locator('input').fill('陈刚')
    await page.getByTestId('escalation-save').click()
    await page.getByText('升级对象已保存').waitFor()
    const stored = await api(page, 'SettingsApp/Get')
    assert.equal(stored.supervisor, '赵敏')
    assert.equal(stored.responseLeader, '陈刚')
    assert.equal(stored.profileName !== undefined, true, 'the other settings went back unchanged')

    await openBell(page)
    // Every breached clock of the late request went to the supervisor.
    const lateItem = item(late.number, 'breached')
    await lateItem.locator('[data-testid=alert-clock][data-kind=classify] [data-testid=alert-escalated]').waitFor()
    assert.equal(
      await lateItem.getByTestId('alert-escalated').count(),
      await lateItem.locator('[data-testid=alert-clock][data-state=breached]').count(),
    )
    await screenshot(page, 'time-limits-escalated')
    assert.equal(await item(soon.number, 'due_soon').getByTestId('alert-escalated').count(), 0)
    await closeBell(page)
    // The escalation is recorded on the request, with its recipient.
    await openDetail(page, late.number)
    const esc = page.getByTestId('clock-escalations')
    await esc.waitFor()
    assert.match(await esc.innerText(), /分类超时，已报赵敏/)

    // Editing a policy moves due times: 重要 resolves within 48 hours instead of 24.
    await page.getByTestId('nav-timeLimits').click()
    await tab(page, '时限策略').click()
    const important = page.locator('[data-testid=policy-row][data-urgency=important][data-type=""][data-channel=""]')
    assert.match(await important.getByTestId('policy-resolve').innerText(), /^24 小时\s*全天候$/)
    await important.getByTestId('policy-edit').click()
    const modal = page.getByTestId('policy-modal')
    await modal.waitFor()
    const resolve = modal.getByTestId('limit-resolve')
    const amount = resolve.getByTestId('limit-amount').locator('input')
    await amount.click()
    await amount.press('Control+a')
    await amount.pressSequentially('48')
    await amount.press('Tab')
    assert.equal(await resolve.getByTestId('limit-words').innerText(), '48 小时（全天候）')
    // A limit can be switched off: the survey is not measured for 重要.
    const survey = modal.getByTestId('limit-survey')
    await survey.getByTestId('limit-unit').click()
    await page.locator('.n-base-select-menu:visible .n-base-select-option', { hasText: '不考核' }).click()
    assert.equal(await survey.getByTestId('limit-words').innerText(), '不考核')
    await screenshot(page, 'time-limits-policy-editor')
    await modal.getByTestId('policy-save').click()
    await page.getByText('时限策略已保存').first().waitFor()
    await modal.waitFor({ state: 'hidden' })
    assert.match(await important.getByTestId('policy-resolve').innerText(), /^48 小时\s*全天候$/)
    assert.equal(await important.getByTestId('policy-survey').innerText(), '不考核')

    await openDetail(page, late.number)
    assert.match(await row('resolve').getByTestId('clock-due').innerText(), /2026-11-21 09:00/)
    assert.match(await row('resolve').innerText(), /48 小时（全天候）/)
    assert.equal(await row('resolve').getAttribute('data-state'), 'on_track')

    // A policy narrowed to the requests' type wins over the general one.
    await page.getByTestId('nav-timeLimits').click()
    await page.getByTestId('policy-add').click()
    await page.locator('.n-dropdown-option', { hasText: '重要' }).click()
    await modal.waitFor()
    assert.match(await modal.innerText(), /新增专项策略/)
    // Without a type or channel it would just repeat the general policy.
    await modal.getByTestId('policy-save').click()
    await modal.getByText('专项策略须指定需求类型或渠道').waitFor()
    await modal.getByTestId('policy-type').click()
    await page.locator('.n-base-select-menu:visible .n-base-select-option', { hasText: new RegExp(`^${type}$`) }).click()
    const specificResolve = modal.getByTestId('limit-resolve').getByTestId('limit-amount').locator('input')
    await specificResolve.click()
    await specificResolve.press('Control+a')
    await specificResolve.pressSequentially('12')
    await specificResolve.press('Tab')
    await modal.getByTestId('policy-save').click()
    await modal.waitFor({ state: 'hidden' })
    const specific = page.locator(`[data-testid=policy-row][data-urgency=important][data-type="${type}"]`)
    await specific.waitFor()
    assert.match(await specific.innerText(), new RegExp(`类型：${type}`))
    assert.match(await specific.getByTestId('policy-resolve').innerText(), /^12 小时\s*全天候$/)
    await openDetail(page, late.number)
    assert.match(await row('resolve').getByTestId('clock-due').innerText(), /2026-11-19 21:00/)
    assert.equal(await row('resolve').getAttribute('data-state'), 'breached')

    // Working hours: Monday to Friday 09:00–12:00 and 13:30–18:00 by default;
    // a time that is not one is refused before saving.
    await page.getByTestId('nav-timeLimits').click()
    await tab(page, '工作时间').click()
    const monday = page.getByTestId('hours-week.1')
    await monday.waitFor()
    const times = async (r) => r.locator('input').evaluateAll((els) => els.map((e) => e.value))
    assert.deepEqual(await times(monday), ['09:00', '12:00', '13:30', '18:00'])
    assert.match(await monday.innerText(), /共 7 小时 30 分/)
    assert.match(await page.getByTestId('hours-week.6').innerText(), /休息/)
    assert.equal(await page.getByTestId('due-soon-percent').locator('input').inputValue(), '25')
    await monday.getByTestId('interval-end').first().locator('input').fill('25:00')
    await page.getByTestId('hours-save').click()
    await monday.getByText('请按 09:00 的格式填写时间').waitFor()
    await monday.getByTestId('interval-end').first().locator('input').fill('12:00')
    // Saturday mornings become working hours.
    await page.getByTestId('hours-week.6').getByTestId('interval-add').click()
    const sat = page.getByTestId('hours-week.6')
    await sat.getByTestId('interval-end').locator('input').fill('12:00')
    await page.getByTestId('hours-save').click()
    await page.getByText('工作时间已保存').first().waitFor()
    assert.deepEqual(await times(sat), ['09:00', '12:00'])
    const slaSettings = await api(page, 'TimeLimitsApp/Settings')
    assert.deepEqual(slaSettings.hours.week[6], [{ start: 540, end: 720 }])
    await screenshot(page, 'time-limits-hours')

    // Holiday years: 2027 has no official schedule yet and is marked so.
    await page.getByTestId('nav-timeLimits').click()
    await tab(page, '节假日安排').click()
    const year = (y) => page.locator(`[data-testid=schedule-year][data-year="${y}"]`)
    await year(2027).waitFor()
    assert.equal(await year(2027).getAttribute('data-origin'), 'missing')
    assert.match(await year(2027).innerText(), /尚无官方安排/)
    assert.match(await page.getByTestId('missing-years').innerText(), /2027/)
    assert.equal(await year(2026).getAttribute('data-origin'), 'shipped')
    assert.match(await year(2026).innerText(), /国务院办公厅关于2026年部分节假日安排的通知[\s\S]*国办发明电〔2025〕7号/)
    // The 2026 calendar marks the National Day holiday and its make-up days.
    const cal = page.locator('[data-testid=holiday-calendar][data-year="2026"]')
    await cal.waitFor()
    assert.match((await cal.locator('td[data-date="2026-10-01"]').getAttribute('class')) ?? '', /holiday/)
    assert.match((await cal.locator('td[data-date="2026-10-10"]').getAttribute('class')) ?? '', /makeup/)

    // A missing year can be entered by hand; the form says what is missing.
    await year(2027).getByTestId('year-enter').click()
    const entry = page.getByTestId('schedule-modal')
    await entry.waitFor()
    assert.match(await entry.innerText(), /录入 2027 年节假日安排/)
    await entry.getByTestId('holiday-name').locator('input').fill('元旦')
    await entry.getByTestId('schedule-save').click()
    await entry.getByTestId('schedule-error').waitFor()
    assert.match(await entry.innerText(), /通知标题[\s\S]*此项为必填项/)
    await entry.getByText('取消').click()
    await entry.waitFor({ state: 'hidden' })

    // A bad file is refused with the reasons in Chinese.
    const badFile = path.join(dir, 'holidays-bad.json')
    await writeFile(
      badFile,
      JSON.stringify({
        year: 2027,
        sources: [],
        holidays: [{ name: '春节', from: '2027-02-06', to: '2027-02-12', work: ['2027-02-15'] }],
      }),
    )
    await page.getByTestId('schedule-file').setInputFiles(badFile)
    const importError = page.getByTestId('import-error')
    await importError.waitFor()
    const importText = await importError.innerText()
    assert.match(importText, /导入失败，文件有以下问题/)
    assert.match(importText, /通知标题：此项为必填项/)
    assert.match(importText, /第 1 个假期·调休上班日：调休上班日应为周六或周日/)
    await screenshot(page, 'time-limits-import-error')
    const notJSON = path.join(dir, 'not-json.json')
    await writeFile(notJSON, '这不是 JSON')
    await page.getByTestId('schedule-file').setInputFiles(notJSON)
    await page.getByTestId('import-error').getByText('文件不是有效的节假日安排 JSON').waitFor()
    assert.equal(await year(2027).getAttribute('data-origin'), 'missing')

    // A good file is imported, listed as entered by the user, and shown.
    const goodFile = path.join(dir, 'holidays-2027.json')
    await writeFile(
      goodFile,
      JSON.stringify({
        year: 2027,
        sources: [{ title: '关于2027年部分节假日安排的通知（测试用）', number: '测试〔2026〕1号', published: '2026-11-10' }],
        holidays: [
          { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
          { name: '春节', from: '2027-02-06', to: '2027-02-12', work: ['2027-02-14'] },
        ],
      }),
    )
    await page.getByTestId('schedule-file').setInputFiles(goodFile)
    await page.getByText('已导入 2027 年的节假日安排').waitFor()
    await page.locator('[data-testid=schedule-year][data-year="2027"][data-origin=user]').waitFor()
    assert.match(await year(2027).innerText(), /用户录入[\s\S]*测试〔2026〕1号/)
    assert.equal(await page.getByTestId('import-error').count(), 0)
    const cal27 = page.locator('[data-testid=holiday-calendar][data-year="2027"]')
    await cal27.waitFor()
    assert.match((await cal27.locator('td[data-date="2027-02-08"]').getAttribute('class')) ?? '', /holiday/)
    assert.match((await cal27.locator('td[data-date="2027-02-14"]').getAttribute('class')) ?? '', /makeup/)
    assert.match(await cal27.getByTestId('holiday-list').innerText(), /春节[\s\S]*2027-02-06 ~ 2027-02-12[\s\S]*7 天[\s\S]*2027-02-14/)

    // Export downloads the year as the same JSON.
    const [download] = await Promise.all([page.waitForEvent('download'), year(2027).getByTestId('year-export').click()])
    assert.equal(download.suggestedFilename(), 'holidays-2027.json')
    const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'))
    assert.equal(exported.year, 2027)
    assert.equal(exported.holidays[1].work[0], '2027-02-14')
    await screenshot(page, 'time-limits-holidays')

    assert.deepEqual(errors, [], 'no uncaught errors in the page')
  })
})
