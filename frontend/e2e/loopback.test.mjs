// End-to-end: serve mode on loopback lets in the browser that opens the
// one-time link, and that browser only. The key the link hands over leaves
// the address bar, the app works, another tab of the same browser works, the
// link does not work a second time, and the session cookie, which other web
// servers on 127.0.0.1 receive too, opens nothing without the page's key.
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
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

test('the one-time link lets one browser in', { timeout: 600_000 }, async () => {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  const { context, page } = await newPage(browser)
  cleanups.push(() => context.close())
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  assert.doesNotMatch(page.url(), /reqdesk-key|token/, 'the key and the token leave the address bar')
  assert.equal(page.url(), `${srv.origin}/#/dashboard`)
  const info = await api(page, 'SystemApp/Info')
  assert.ok(info.version)

  // Another tab of the same browser, opened by hand.
  const tab = await context.newPage()
  await tab.goto(`${srv.origin}/#/requests`)
  await tab.getByTestId('dashboard-view').or(tab.locator('.n-data-table')).first().waitFor()
  await tab.close()

  // The cookie alone, as another server on the host would receive it.
  const cookies = await context.cookies(srv.origin)
  assert.equal(cookies.length, 1)
  assert.ok(cookies[0].httpOnly)
  const res = await fetch(`${srv.origin}/api/SystemApp/Info`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-ReqDesk-Call': '1', Cookie: `${cookies[0].name}=${cookies[0].value}` },
    body: '[]',
  })
  assert.equal(res.status, 401)

  // A scan of 9 MB (more than a call carried before) goes through the page
  // to the method; one of 11 MB is refused with the limit named.
  // The receiver is picked from the people list (设置 → 人员).
  await api(page, 'SettingsApp/SavePerson', ['', 0, { name: '李娜', department: '客服部', roles: ['agent'], phone: '', email: '', active: true }])
  const cust = await api(page, 'CustomersApp/Create', [{ fields: { name: '天成精密机械有限公司', industry: '制造业' }, contacts: [] }])
  const req = await api(page, 'RequestsApp/Create', [{
    customerId: cust.customer.id, channel: '电话', type: '技术咨询', urgency: 'normal',
    title: '咨询系统对接方案', receivedAt: new Date().toISOString(), receivedBy: '李娜',
  }])
  await api(page, 'DocumentsApp/Generate', [req.id, 'registration'])
  await page.goto(`${srv.origin}/#/requests/${req.id}`)
  const latest = page.locator('[data-testid=doc-type][data-type=registration] [data-testid=doc-version]').first()
  // Files on disk: the browser reads them itself, as it does a user's.
  const pdf = async (mb) => {
    const b = Buffer.alloc(mb << 20, 0x30)
    b.write('%PDF-1.4\n')
    const file = path.join(dir, `签字页-${mb}MB`, '签字页.pdf')
    await mkdir(path.dirname(file))
    await writeFile(file, b)
    return file
  }
  await latest.getByTestId('doc-paper').click()
  await page.getByTestId('paper-dialog').waitFor()
  await page.getByTestId('paper-file').setInputFiles(await pdf(11))
  await page.getByTestId('paper-submit').click()
  // Megabytes through base64 and the network: slow on a busy machine.
  page.setDefaultTimeout(120_000)
  await page.getByTestId('paper-dialog').getByText('文件过大（上限 10 MB）').waitFor()
  await screenshot(page, 'loopback-scan-too-large')
  await page.getByTestId('paper-file').setInputFiles(await pdf(9))
  await page.getByTestId('paper-submit').click()
  // The whole 9 MB reached the method, which answers for itself: the
  // registration form has no signature block (the Go test in
  // internal/server attaches such a scan to a document).
  await page.getByTestId('paper-dialog').getByText('没有签字栏').waitFor()
  assert.doesNotMatch(await page.getByTestId('paper-dialog').innerText(), /过大|JSON/)
  page.setDefaultTimeout(10_000)

  // The link a second time, in another browser.
  const other = await newPage(browser)
  cleanups.push(() => other.context.close())
  await other.page.goto(srv.url)
  await other.page.getByText('这个链接已经打开过一次').waitFor()
  await screenshot(other.page, 'loopback-link-used')
})
