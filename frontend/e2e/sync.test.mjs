// End-to-end: team sync with real processes on loopback. A team server
// (`reqdesk serve --accounts`, with an administrator, a supervisor and a
// consultant) and two laptops, each its own data directory and its own
// `reqdesk serve` on loopback — the way a browser drives a laptop (Join,
// SyncNow, ResolveConflict are the laptop's own: refused over the network,
// open to the browser its one-time link let in).
//
// Laptop A joins through 设置 → 团队同步 in its browser; while the server is
// down a request is registered there (未同步, 离线, 1 项待同步 in the top bar,
// which follows the laptop's own rounds without a reload); the server comes
// back, 立即同步, and the supervisor sees the request in the server's list
// and on its dashboard. Laptop B joins with `reqdesk join` and its
// supervisor retitles the request; A retitles it too from the state it had:
// A's round puts a conflict in its 同步冲突 inbox (reason, the server's state,
// who changed it), and 在当前状态上重新执行 makes A's title the server's. The
// administrator revokes B in the server's device list: B's next round stops
// with 本机已被移出团队… and its unsynced change stays on it.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { after, before, test } from 'node:test'
import {
  addUser,
  api,
  bin,
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

const admin = { name: '王芳', password: 'admin-密码-2026', roles: ['admin'] }
const supervisor = { name: '陈静', password: 'super-密码-2026', roles: ['supervisor'] }
const consultant = { name: '李娜', password: 'agent-密码-2026', roles: ['agent', 'owner'] }

/** until polls fn until it returns something truthy (a condition, never a fixed wait). */
async function until(what, fn, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs
  let last
  for (;;) {
    last = await fn()
    if (last) return last
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** reqdesk runs the binary with args, the given standard input, and resolves with its output and exit code. */
function reqdesk(args, input = '') {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TZ: 'Asia/Shanghai' } })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (s) => (out += s))
    child.stderr.on('data', (s) => (out += s))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, out }))
    child.stdin.end(input)
  })
}

/** dataDir makes a data directory removed after the run. */
async function dataDir() {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  return dir
}

/** serve starts `reqdesk serve` on dir, stopped after the run. */
async function serve(dir, opts) {
  const srv = await startServer(dir, opts)
  cleanups.push(() => srv.stop())
  return srv
}

/** laptopTab opens a laptop's own serve mode through its one-time link. */
async function laptopTab(srv, name) {
  const { context, page } = await newPage(browser, { width: 1366, height: 820 })
  cleanups.push(() => context.close())
  cleanups.push(() => screenshot(page, `sync-${name}-last`).catch(() => undefined))
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  return { page, errors }
}

/** login opens the team server in a fresh context and logs in as who. */
async function login(origin, who, name) {
  const { context, page } = await newPage(browser, { width: 1366, height: 820 })
  cleanups.push(() => context.close())
  cleanups.push(() => screenshot(page, `sync-${name}-last`).catch(() => undefined))
  await page.goto(`${origin}/`)
  await page.getByTestId('login-name').fill(who.name)
  await page.getByTestId('login-password').fill(who.password)
  await page.getByTestId('login-password').press('Enter')
  await page.getByTestId('session-user').waitFor()
  return page
}

/** menusClosed waits until no select menu is open or fading out. */
function menusClosed(page) {
  return page.waitForFunction(() =>
    [...document.querySelectorAll('.n-base-select-menu')].every((m) => m.getClientRects().length === 0),
  )
}

/** choose picks an option of a Naive UI select by the start of its text, typing to filter first. */
async function choose(page, select, text) {
  await menusClosed(page)
  await select.click()
  await page.keyboard.type(text, { delay: 15 })
  await page.locator('.n-base-select-menu:visible .n-base-select-option').filter({ hasText: new RegExp(`^${text}`) }).first().click()
  await menusClosed(page)
}

const input = (page, name) => page.getByTestId(`field-${name}`).locator('input, textarea').first()
const indicator = (page) => page.getByTestId('sync-indicator')

test('two laptops and a team server: join, work offline, sync, a conflict resolved in the inbox, a laptop revoked', { timeout: 150_000 }, async () => {
  // The team server: three accounts, numbers that carry the device code.
  const serverDir = await dataDir()
  for (const who of [admin, supervisor, consultant]) await addUser(serverDir, who.name, who.password, who.roles)
  let server = await serve(serverDir, { accounts: true })
  const port = new URL(server.origin).port
  const adminPage = await login(server.origin, admin, 'admin')
  const set = await api(adminPage, 'SettingsApp/Get')
  await api(adminPage, 'SettingsApp/Save', [
    { ...set, companyName: '华信科技有限公司', numberPattern: 'XR-{YYYY}-{DEV}-{NNN}', deviceCode: 'HQ' },
  ])
  await api(adminPage, 'CustomersApp/Create', [{ fields: { name: '苏州恒达精密制造有限公司', industry: '制造业' }, contacts: [] }])
  // The server knows itself as one: a tag, no laptop indicator.
  await adminPage.getByTestId('sync-server').waitFor()

  // Laptop A joins through 设置 → 团队同步 in its own serve mode.
  const dirA = await dataDir()
  const laptopA = await serve(dirA)
  const { page: a, errors: errorsA } = await laptopTab(laptopA, 'laptop-a')
  assert.equal(await indicator(a).count(), 0, 'a computer in no team shows no sync state')
  await a.goto(`${laptopA.origin}/#/settings?panel=sync`)
  const join = a.getByTestId('join-form')
  await join.waitFor()
  await a.getByTestId('join-server').locator('input').fill(server.origin)
  await a.getByTestId('join-probe').click()
  await a.getByTestId('join-team').getByText('华信科技有限公司').waitFor()
  await a.getByTestId('join-plain-http').waitFor()
  await a.getByTestId('join-user').locator('input').fill(consultant.name)
  await a.getByTestId('join-password').locator('input').fill(consultant.password)
  await a.getByTestId('join-device-code').locator('input').fill('A1')
  await a.getByTestId('join-device-name').locator('input').fill('李娜的笔记本')
  await a.getByTestId('join-submit').click()
  const joined = a.getByTestId('sync-joined')
  await joined.waitFor({ timeout: 30_000 })
  assert.match(await joined.innerText(), new RegExp(`${consultant.name}[\\s\\S]*A1`))
  await indicator(a).waitFor()

  // The person at the keyboard is the joined account: 操作人 is hers, read-only,
  // and the backend refuses another name, naming the field.
  const profile = a.getByTestId('settings-profile')
  await a.locator('[data-testid=settings-profile][data-joined=true]').waitFor()
  assert.equal(await profile.locator('input').inputValue(), consultant.name)
  assert.equal(await profile.locator('input').isEditable(), false)
  assert.match(await profile.innerText(), /已加入团队：操作人为登录账号/)
  const aSettings = await api(a, 'SettingsApp/Get')
  assert.equal(aSettings.profileName, consultant.name)
  await assert.rejects(api(a, 'SettingsApp/Save', [{ ...aSettings, profileName: '王五' }]), /"field":"profileName","key":"joined_account"/)
  await a.waitForFunction(() => document.querySelector('.n-message') === null)
  await a.getByTestId('settings-sync-card').evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await screenshot(a, 'sync-settings', path.join(screenshotsDir, 'sync-settings.png'))

  // The server goes away; A registers a request offline, in the browser.
  await server.stop()
  await a.getByTestId('nav-intake').click()
  await a.getByTestId('intake-view').waitFor()
  await choose(a, a.getByTestId('customer-select'), '苏州恒达')
  await choose(a, a.getByTestId('channel-select'), '电话')
  await choose(a, a.getByTestId('type-select'), '技术咨询')
  const title = '生产报表导出格式错乱'
  await input(a, 'title').fill(title)
  await a.getByTestId('submit-intake').click()
  await a.getByTestId('created-number').waitFor()
  const number = (await a.getByTestId('created-number').textContent()).trim()
  assert.match(number, /^XR-\d{4}-A1-001$/)
  // The laptop's round after the change finds no server: the top bar says so
  // on its own (no reload), and the change waits.
  await a.locator('[data-testid=sync-indicator][data-state=offline]').waitFor({ timeout: 20_000 })
  await a.locator('[data-testid=sync-pending][data-count="1"]').waitFor()
  assert.match(await a.getByTestId('sync-online').innerText(), /离线/)
  await a.getByTestId('nav-requests').click()
  const rowA = a.locator(`[data-testid=request-row][data-number="${number}"]`)
  await rowA.getByTestId('unsynced-tag').getByText('未同步').waitFor()
  await screenshot(a, 'sync-offline-list')

  // The server is back on its address; 立即同步 pushes the request.
  server = await serve(serverDir, { accounts: true, addr: `127.0.0.1:${port}` })
  await a.getByTestId('sync-now').click()
  await a.locator('[data-testid=sync-indicator][data-state=online]').waitFor({ timeout: 20_000 })
  await a.getByTestId('sync-pending').waitFor({ state: 'detached' })
  await rowA.getByTestId('unsynced-tag').waitFor({ state: 'detached' })
  const id = (await api(a, 'RequestsApp/List', [{ limit: 10 }])).items.find((r) => r.number === number).id
  await a.getByTestId('nav-dashboard').click()
  assert.match(await a.getByTestId('data-as-of').innerText(), /数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)

  // The supervisor sees it on the server: in the list and counted on the dashboard.
  const sup = await login(server.origin, supervisor, 'supervisor')
  await sup.getByTestId('kpi-received').waitFor()
  assert.match(await sup.getByTestId('kpi-received').getByTestId('kpi-value').innerText(), /^1\s*条$/)
  await sup.getByTestId('nav-requests').click()
  await sup.locator(`[data-testid=request-row][data-number="${number}"]`).getByText(title).waitFor()
  const onServer = (await api(sup, 'RequestsApp/Get', [id])).request
  assert.equal(onServer.fields.receivedBy, consultant.name)

  // Laptop B joins from the command line, as the supervisor.
  const dirB = await dataDir()
  const joinB = await reqdesk(
    ['join', server.origin, '--user', supervisor.name, '--device-code', 'B1', '--device-name', '陈静的笔记本', '--data', dirB],
    `${supervisor.password}\n`,
  )
  assert.equal(joinB.code, 0, joinB.out)
  assert.match(joinB.out, /已加入团队 华信科技有限公司.*账号 陈静，设备代码 B1/)
  const laptopB = await serve(dirB)
  const { page: b } = await laptopTab(laptopB, 'laptop-b')
  await indicator(b).waitFor()

  // Both retitle the request from the same state: B first, synced.
  const fromB = (await api(b, 'RequestsApp/Get', [id])).request
  const titleB = '生产报表导出格式错乱（仅月报）'
  await api(b, 'RequestsApp/Update', [id, fromB.version, { ...fromB.fields, title: titleB }])
  const afterB = await api(b, 'SyncApp/SyncNow')
  assert.equal(afterB.pending, 0, JSON.stringify(afterB))
  assert.equal((await api(sup, 'RequestsApp/Get', [id])).request.fields.title, titleB)

  // A, not yet synced since, edits the title in the request's page.
  await a.goto(`${laptopA.origin}/#/requests/${id}`)
  await a.getByTestId('detail-number').getByText(number).waitFor()
  await a.getByTestId('edit-request').click()
  const titleA = '生产报表导出格式错乱（月报和周报）'
  await input(a, 'title').fill(titleA)
  await a.getByTestId('save-request').click()
  await a.getByTestId('detail-title').getByText(titleA).waitFor()
  // A's round (three seconds after the change) is refused in part: the top
  // bar counts the conflict on its own, and the laptop shows the server's title.
  const badge = a.locator('[data-testid=sync-conflicts][data-count="1"]')
  await badge.waitFor({ timeout: 20_000 })
  await badge.click()
  await a.getByTestId('sync-conflicts-view').waitFor()
  const conflict = a.getByTestId('conflict')
  await conflict.waitFor()
  assert.equal(await conflict.count(), 1)
  assert.match(await conflict.getByTestId('conflict-title').innerText(), /修改需求/)
  assert.equal((await conflict.getByTestId('conflict-request').innerText()).includes(number), true)
  assert.match(await conflict.getByTestId('conflict-reason').innerText(), /已被其他人改成不同的内容[\s\S]*需求描述/)
  assert.match(await conflict.getByTestId('conflict-changed').innerText(), /陈静 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
  // The server's state: its title, marked as what the change touched.
  const stateTitle = await conflict.locator('[data-testid=conflict-state] dd[data-field=title]').innerText()
  assert.ok(stateTitle.includes(titleB) && stateTitle.includes('与你的修改有关'), stateTitle)
  assert.ok((await conflict.getByTestId('conflict-text').innerText()).includes(titleA))
  await a.mouse.move(5, 815)
  await screenshot(a, 'sync-conflicts', path.join(screenshotsDir, 'sync-conflicts.png'))

  // 在当前状态上重新执行: A's title is applied on the server's state.
  await conflict.getByTestId('conflict-retry').click()
  await a.getByTestId('conflicts-empty').waitFor({ timeout: 20_000 })
  await until('A\'s title on the server', async () => (await api(sup, 'RequestsApp/Get', [id])).request.fields.title === titleA)
  await a.getByTestId('sync-conflicts').waitFor({ state: 'detached' })
  await a.locator('[data-testid=sync-indicator][data-state=online]').waitFor()
  // The server's history names who did what: B's edit as 陈静, A's as 李娜.
  const history = (await api(sup, 'RequestsApp/Get', [id])).history
  const titleEdits = history.filter((e) => e.action === 'update').map((e) => e.actor)
  assert.deepEqual(titleEdits.slice(-2).sort(), [consultant.name, supervisor.name].sort(), JSON.stringify(history))

  // The administrator revokes laptop B in the server's device list.
  await adminPage.goto(`${server.origin}/#/settings?panel=sync`)
  const devices = adminPage.getByTestId('sync-devices')
  await devices.waitFor()
  const rowB = devices.locator('[data-testid=device-row][data-code=B1]')
  await rowB.waitFor()
  assert.match(await rowB.innerText(), /陈静的笔记本[\s\S]*陈静/)
  assert.match(await devices.locator('[data-testid=device-row][data-code=A1]').innerText(), /李娜的笔记本[\s\S]*李娜/)
  await adminPage.getByTestId('settings-sync-card').evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await screenshot(adminPage, 'sync-devices', path.join(screenshotsDir, 'sync-devices.png'))
  await rowB.getByTestId('device-revoke').click()
  await adminPage.locator('.n-dialog').getByRole('button', { name: '吊销', exact: true }).click()
  await devices.locator('[data-testid=device-row][data-code=B1][data-revoked=true]').waitFor()

  // B changes something; its next round stops with the clear message, and
  // the change stays in its outbox.
  const nowB = (await api(b, 'RequestsApp/Get', [id])).request
  await api(b, 'RequestsApp/Update', [id, nowB.version, { ...nowB.fields, description: '客户补充：周报也有同样的问题' }])
  await b.locator('[data-testid=sync-indicator][data-state=error]').waitFor({ timeout: 20_000 })
  await b.getByTestId('sync-error').waitFor()
  const statusB = await api(b, 'SyncApp/Status')
  assert.equal(statusB.lastError?.key, 'sync_device_revoked', JSON.stringify(statusB))
  assert.equal(statusB.pending, 1)
  assert.deepEqual(await api(b, 'SyncApp/Unsynced'), [id])
  await b.getByTestId('sync-now').click()
  await b.locator('.n-message').getByText(/同步失败：本机已被移出团队，不能再同步；未同步的修改仍保留在本机/).waitFor()
  assert.equal((await api(b, 'SyncApp/Status')).pending, 1)
  assert.notEqual((await api(sup, 'RequestsApp/Get', [id])).request.fields.description, '客户补充：周报也有同样的问题')

  assert.deepEqual(errorsA, [])
})
