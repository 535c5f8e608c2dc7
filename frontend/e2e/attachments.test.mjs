// End-to-end: a request's attachments, the classification standard's
// proposal at triage, and the knowledge base. A screenshot is attached to a
// request, shown as a picture, previewed and downloaded byte for byte; a
// program renamed .png is refused, saying which types are accepted. A
// 问题(报障) request without a department gets the standard's department
// proposed at triage. A consultation archived with its result is offered,
// with that result, while a new request about 对接 is typed in, and found
// on the 知识库 page.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { api, ensureTools, launchBrowser, makeDataDir, newPage, removeDir, screenshot, screenshotsDir, startServer } from './server.mjs'

const cleanups = []
let browser
let srv
let page
let base
let cust

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
  page.context().setDefaultTimeout(20_000)
  cleanups.push(() => opened.context.close())
  base = srv.url.split('/?')[0]
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '王强', department: '客服部', roles: ['supervisor', 'owner'], phone: '', email: '', active: true }])
  await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '李娜', department: '客服部', roles: ['agent', 'owner'], phone: '', email: '', active: true }])
  const settings = await api(page, 'SettingsApp/Get')
  await api(page, 'SettingsApp/Save', [{ ...settings, profileName: '李娜', companyName: '华东信息服务有限公司' }])
  cust = await api(page, 'CustomersApp/Create', [
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

function newRequest(fields) {
  return api(page, 'RequestsApp/Create', [
    {
      customerId: cust.customer.id, contactId: cust.contacts[0].id, contactName: '张伟', contactInfo: '13800138000', channel: '电话',
      urgency: 'normal', receivedAt: new Date(Date.now() - 3600_000).toISOString(), receivedBy: '李娜', ...fields,
    },
  ])
}

test('a screenshot is attached, shown, previewed and downloaded; a renamed program is refused', { timeout: 120_000 }, async () => {
  const req = await newRequest({ type: '问题(报障)', title: '出库单打印报错', description: '打印出库单时提示模板缺少字段“批次号”。' })
  // The picture attached is a screenshot of the app itself, as a consultant's would be.
  await page.goto(`${base}/#/requests/${req.id}`)
  await page.getByTestId('detail-view').waitFor()
  const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 640, height: 360 } })

  await page.getByTestId('tab-attachments').click()
  const panel = page.getByTestId('panel-attachments')
  await panel.waitFor()
  const rules = await page.getByTestId('attachment-rules').innerText()
  assert.match(rules, /PNG 图片/)
  assert.match(rules, /20 MB/)

  await page.getByTestId('attach-note').locator('input').fill('客户现场报错截图')
  await page.getByTestId('attach-file').setInputFiles({ name: '报错截图.png', mimeType: 'image/png', buffer: shot })
  const row = page.getByTestId('attachment-row').first()
  await row.waitFor()
  assert.equal(await row.getAttribute('data-kind'), 'image')
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid=attachment-image]')
    return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0
  })
  assert.equal((await page.getByTestId('attachment-name').first().innerText()).trim(), '报错截图.png')

  // A program renamed .png is refused, and the message says what is accepted.
  await page.getByTestId('attach-file').setInputFiles({
    name: '截图2.png', mimeType: 'image/png', buffer: Buffer.from('4d5a90000300000004000000ffff0000b800000000000000', 'hex'),
  })
  const refusal = page.getByTestId('attach-error')
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /可执行程序.*可上传：PNG 图片/)
  assert.equal(await page.getByTestId('attachment-row').count(), 1)

  // A log is shown as text.
  await page.getByTestId('attach-file').setInputFiles({
    name: 'print.log', mimeType: 'text/plain', buffer: Buffer.from('2026-12-04 09:12:03 ERROR 出库单模板缺少字段：批次号\n'),
  })
  await page.getByTestId('attachment-row').nth(1).waitFor()
  await page.getByTestId('attachment-preview').nth(1).click()
  await page.getByTestId('attachment-text').getByText('出库单模板缺少字段').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId('attachment-text').waitFor({ state: 'detached' })

  // The picture previewed large, then downloaded: the same bytes.
  await page.getByTestId('attachment-preview').first().click()
  await page.getByTestId('attachment-preview-modal').locator('img').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId('attachment-preview-modal').waitFor({ state: 'detached' })
  await page.mouse.move(5, 795)
  await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: 30_000 })
  await page.waitForTimeout(400)
  await screenshot(page, 'attachments', path.join(screenshotsDir, 'attachments.png'))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attachment-download').first().click()])
  assert.equal(download.suggestedFilename(), '报错截图.png')
  const got = await readFile(await download.path())
  assert.ok(got.equals(shot), 'the downloaded file is the attached one')

  // Adding is in the request's history.
  await page.getByTestId('tab-history').click()
  await page.getByText('添加了附件“报错截图.png”').first().waitFor()
})

test('triage proposes the department from the classification standard', { timeout: 60_000 }, async () => {
  const req = await newRequest({ type: '问题(报障)', title: '部分报表无法导出', description: '月度报表导出时报错。' })
  await page.goto(`${base}/#/requests/${req.id}`)
  await page.getByTestId('move-triage').click()
  const dialog = page.getByTestId('move-dialog')
  await dialog.waitFor()
  const proposal = dialog.getByTestId('triage-proposal')
  await proposal.waitFor()
  const text = await proposal.innerText()
  assert.match(text, /问题\(报障\) → 产品类 · 技术支持部 · 重要/)
  // The request was registered 一般 with no category: the differences are named.
  assert.match(await dialog.getByTestId('triage-proposal-differs').innerText(), /标准大类为 产品类.*标准紧急程度为 重要/)
  // Proposed, not forced: the department is filled in and can be changed.
  await dialog.getByTestId('move-department-select').getByText('技术支持部').waitFor()
  await page.keyboard.press('Escape')
})

test('a similar archived request is offered at registration and found in the knowledge base', { timeout: 120_000 }, async () => {
  // A consultation of 华信科技 about 对接, answered and archived on the short path.
  let r = await newRequest({ type: '技术咨询', title: '咨询系统对接方案', description: '客户希望了解与财务系统对接的接口规范。' })
  const move = async (m) => (r = await api(page, 'RequestsApp/Move', [r.id, r.version, m]))
  const record = (kind, body) => api(page, 'RequestsApp/SaveRecord', [{ requestId: r.id, kind, id: '', version: 0, parentId: '', body }])
  await move({ action: 'triage', department: '客服部', path: 'short' })
  await move({ action: 'assign', owner: '李娜' })
  await move({ action: 'start' })
  await record('result_note', { process: '整理接口文档并电话讲解', result: '已提供对接方案与接口文档 v2，建议先在测试环境联调', advice: '', handler: '李娜' })
  r = await api(page, 'RequestsApp/Get', [r.id]).then((d) => d.request)
  await move({ action: 'give_result' })
  await move({ action: 'send_result', comment: '邮件发送' })
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  await record('feedback', { obtained: true, solved: true, timeliness: 5, effectiveness: 5, attitude: 5, overall: 5, method: 'phone', on: today })
  r = await api(page, 'RequestsApp/Get', [r.id]).then((d) => d.request)
  await move({ action: 'archive' })
  assert.equal(r.status, 'archived')

  // Registration: the title typed names 对接; the archived answer is offered.
  await page.goto(`${base}/#/intake`)
  await page.getByTestId('intake-view').waitFor()
  // Choosing the type fills in the standard's category and urgency, and says so.
  await page.getByTestId('type-select').click()
  await page.keyboard.type('问题', { delay: 15 })
  await page.locator('.n-base-select-menu:visible .n-base-select-option').filter({ hasText: /^问题\(报障\)/ }).first().click()
  assert.match(await page.getByTestId('intake-proposal').innerText(), /问题\(报障\) → 产品类 · 技术支持部/)
  await page.getByTestId('category-select').getByText('产品类').waitFor()
  await page.getByTestId('field-title').locator('input').fill('ERP 对接')
  const similar = page.getByTestId('similar-requests')
  await similar.waitFor()
  const item = similar.locator(`[data-testid=knowledge-item][data-number="${r.number}"]`)
  await item.waitFor()
  assert.match(await item.getByTestId('knowledge-solution').innerText(), /已提供对接方案与接口文档 v2/)

  // The knowledge page finds it by the two-character word.
  await page.goto(`${base}/#/knowledge`)
  await page.getByTestId('knowledge-search').locator('input').fill('对接')
  await page.locator(`[data-testid=knowledge-item][data-number="${r.number}"]`).waitFor()
  await page.mouse.move(5, 795)
  await page.waitForTimeout(400)
  await screenshot(page, 'knowledge', path.join(screenshotsDir, 'knowledge.png'))
})
