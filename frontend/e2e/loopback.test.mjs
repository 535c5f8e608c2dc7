// End-to-end: serve mode on loopback lets in the browser that opens the
// one-time link, and that browser only. The key the link hands over leaves
// the address bar, the app works, another tab of the same browser works, the
// link does not work a second time, and the session cookie, which other web
// servers on 127.0.0.1 receive too, opens nothing without the page's key.
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

test('the one-time link lets one browser in', async () => {
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

  // The link a second time, in another browser.
  const other = await newPage(browser)
  cleanups.push(() => other.context.close())
  await other.page.goto(srv.url)
  await other.page.getByText('这个链接已经打开过一次').waitFor()
  await screenshot(other.page, 'loopback-link-used')
})
