// A laptop and a team server at different data versions do not sync (issue
// 18, X-Reqdesk-Schema): here the team server answers through a proxy that
// drops the header, as a server from before it would, and the laptop's
// 设置 → 团队同步 says at 检查服务器, before any password, that the server must
// be upgraded first; the laptop stays out of the team.
import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, test } from 'node:test'
import { addUser, ensureTools, launchBrowser, makeDataDir, newPage, removeDir, screenshot, startServer } from './server.mjs'

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

async function dataDir() {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  return dir
}

test('a team server at another version is refused at 检查服务器, before the password', { timeout: 120_000 }, async () => {
  const serverDir = await dataDir()
  await addUser(serverDir, '王芳', 'admin-密码-2026', ['admin'])
  const server = await startServer(serverDir, { accounts: true })
  cleanups.push(() => server.stop())
  const target = new URL(server.origin)
  const proxy = http.createServer((req, res) => {
    const up = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        const headers = { ...r.headers }
        delete headers['x-reqdesk-schema']
        res.writeHead(r.statusCode, headers)
        r.pipe(res)
      },
    )
    up.on('error', () => res.destroy())
    req.pipe(up)
  })
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => proxy.close(resolve)))

  const laptop = await startServer(await dataDir())
  cleanups.push(() => laptop.stop())
  const { context, page } = await newPage(browser, { width: 1366, height: 820 })
  cleanups.push(() => context.close())
  await page.goto(laptop.url)
  await page.getByTestId('dashboard-view').waitFor()
  await page.goto(`${laptop.origin}/#/settings?panel=sync`)
  await page.getByTestId('join-form').waitFor()
  await page.getByTestId('join-server').locator('input').fill(`http://127.0.0.1:${proxy.address().port}`)
  await page.getByTestId('join-probe').click()
  await page.getByText(/团队服务器的需求管家比本机旧.*请管理员先升级团队服务器/).first().waitFor({ timeout: 30_000 })
  await screenshot(page, 'sync-version')
  assert.equal(await page.getByTestId('sync-joined').count(), 0, 'the laptop joined a server at another version')
})
