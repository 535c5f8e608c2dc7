// End-to-end: serve mode on a network. `reqdesk serve --addr 0.0.0.0:0`
// refuses to start without accounts; after `reqdesk user add` it does, and
// the browser gets the login page instead of the app. The test logs in with a
// wrong password and then the right one, makes calls as an agent (one the
// role allows, recorded in her name, and one it refuses with a Chinese
// message), logs out, and finds the old session dead.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import path from 'node:path'
import {
  addUser,
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

/** status posts a call from the page and returns the HTTP status, whatever it is. */
function status(page, method) {
  return page.evaluate(async (m) => {
    const r = await fetch(`/api/${m}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-ReqDesk-Call': '1' },
      body: '[]',
    })
    return r.status
  }, method)
}

test('a network server needs accounts, logs people in and out, and checks their roles', async () => {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))

  await assert.rejects(startServer(dir, { addr: '0.0.0.0:0' }), /reqdesk user add/)

  await addUser(dir, '王芳', 'admin-密码-2024', ['admin'])
  await addUser(dir, '李娜', 'agent-密码-2024', ['agent'])
  const server = await startServer(dir, { addr: '0.0.0.0:0' })
  cleanups.push(() => server.stop())

  // On a network address the server answers over HTTPS with a self-signed
  // certificate, whose fingerprint it printed at its start.
  assert.match(server.url, /^https:\/\//)
  assert.match(server.fingerprint(), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
  const { context, page } = await newPage(browser, { selfSigned: true })
  cleanups.push(() => context.close())
  await page.goto(server.url)

  // The app is not reachable without a login.
  await page.getByTestId('login-name').waitFor()
  assert.equal(await page.getByTestId('nav-intake').count(), 0)
  assert.equal(await status(page, 'SystemApp/Info'), 401)
  await screenshot(page, 'login', path.join(screenshotsDir, 'login.png'))

  await page.getByTestId('login-name').fill('李娜')
  await page.getByTestId('login-password').fill('wrong-password')
  await page.getByTestId('login-submit').click()
  await page.getByTestId('login-error').waitFor()
  assert.equal((await page.getByTestId('login-error').innerText()).trim(), '密码错误或账号不存在')
  assert.equal(await page.getByTestId('login-password').inputValue(), '', 'the typed password is cleared')

  await page.getByTestId('login-name').fill('李娜')
  await page.getByTestId('login-password').fill('agent-密码-2024')
  await page.getByTestId('login-password').press('Enter')
  await page.getByTestId('session-user').waitFor()
  assert.equal(await page.getByTestId('session-user-name').innerText(), '李娜')
  assert.match(await page.getByTestId('session-user').innerText(), /客服专员/)
  const cookies = await context.cookies()
  assert.equal(cookies.length, 1)
  assert.ok(cookies[0].httpOnly && cookies[0].sameSite === 'Strict' && cookies[0].secure, JSON.stringify(cookies[0]))
  // The fingerprint the server printed is the one it reports to a logged-in browser.
  assert.equal((await api(page, 'SystemApp/Info')).fingerprint, server.fingerprint())

  // A call her role allows, recorded in her name.
  const created = await api(page, 'CustomersApp/Create', [{ fields: { name: '远景制造有限公司' }, contacts: [] }])
  const history = await api(page, 'CustomersApp/History', [created.customer.id])
  assert.deepEqual([...new Set(history.map((e) => e.actor))], ['李娜'])

  // One it does not: an agent may not change the settings, and nothing is written.
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-view').waitFor()
  // The backups card is the administrator's too, and says so: the message
  // (key forbidden_role_one) names the one role that may, the administrator's.
  const forbidden = '无权执行此操作：需要「管理员」角色'
  const refused = page.getByText(forbidden, { exact: true })
  await page.getByTestId('backup-error').getByText(forbidden, { exact: true }).waitFor()
  await page.getByTestId('settings-company').locator('input').fill('不该保存的公司名')
  await page.getByTestId('settings-save').click()
  await refused.nth(1).waitFor()
  await screenshot(page, 'login-forbidden')
  const settings = await api(page, 'SettingsApp/Get')
  assert.notEqual(settings.companyName, '不该保存的公司名')

  await page.getByTestId('logout').click()
  await page.getByTestId('login-name').waitFor()
  assert.equal(await status(page, 'SystemApp/Info'), 401)
  assert.equal((await context.cookies()).length, 0)

  // The administrator may save the settings, in her own name.
  await page.getByTestId('login-name').fill('王芳')
  await page.getByTestId('login-password').fill('admin-密码-2024')
  await page.getByTestId('login-submit').click()
  await page.getByTestId('session-user').waitFor()
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-company').locator('input').fill('华信科技有限公司')
  await page.getByTestId('settings-save').click()
  await page.getByText('设置已保存').waitFor()
  await screenshot(page, 'login-admin')
  assert.equal((await api(page, 'SettingsApp/Get')).companyName, '华信科技有限公司')
})
