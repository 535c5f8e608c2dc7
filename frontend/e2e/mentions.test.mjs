// End-to-end: internal notes with an @mention reaching a colleague's bell,
// in serve mode with accounts (the team server). 王芳 (administrator) sets
// the team's 钉钉 group robot to a local fake receiver, then writes a note on
// a request naming 李娜 through the @ suggestions; a note naming someone not
// on the list is refused, naming them. 李娜 logs in in her own browser, finds
// the mention first in her bell, opens it, and marks it read; the bell's
// count follows. The fake robot receives the mention once, signed.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import http from 'node:http'
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

/** fakeRobot is a local stand-in for a 钉钉 group robot that checks each post's signature. */
async function fakeRobot(secret) {
  const posts = []
  const bad = []
  const srv = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const u = new URL(req.url, 'http://x')
      const ts = u.searchParams.get('timestamp')
      const want = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64')
      if (u.searchParams.get('sign') !== want) bad.push(req.url)
      else posts.push(JSON.parse(body))
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
    })
  })
  await new Promise((r) => srv.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${srv.address().port}/robot/send?access_token=e2e`, posts, bad, close: () => new Promise((r) => srv.close(r)) }
}

async function login(page, url, name, password) {
  await page.goto(url)
  await page.getByTestId('login-name').fill(name)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('session-user').waitFor()
}

async function until(fn, what, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs
  for (;;) {
    if (await fn()) return
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

test('an @mention in an internal note reaches the colleague’s bell and the group robot', { timeout: 300_000 }, async () => {
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  await addUser(dir, '王芳', 'admin-密码-2024', ['admin', 'supervisor'])
  await addUser(dir, '李娜', 'agent-密码-2024', ['agent', 'owner'])
  const robot = await fakeRobot('SECe2e')
  cleanups.push(() => robot.close())
  const server = await startServer(dir, { accounts: true })
  cleanups.push(() => server.stop())

  // 王芳 sets the group robot in 设置 → 团队同步 (the team server's).
  const a = await newPage(browser)
  cleanups.push(() => a.context.close())
  const pa = a.page
  await login(pa, server.url, '王芳', 'admin-密码-2024')
  await pa.goto(`${server.url}/#/settings?panel=sync`)
  const rs = pa.getByTestId('robot-settings')
  await rs.waitFor()
  await rs.getByTestId('robot-url').locator('input').fill('dingtalk.example')
  await rs.getByTestId('robot-save').click()
  await rs.getByText('网址格式不对').waitFor()
  await rs.getByTestId('robot-url').locator('input').fill(robot.url)
  await rs.getByTestId('robot-secret').locator('input').fill('SECe2e')
  await rs.getByTestId('robot-save').click()
  await pa.getByText('群机器人已保存').waitFor()

  const cust = await api(pa, 'CustomersApp/Create', [
    { fields: { name: '华信科技有限公司' }, contacts: [{ name: '张伟', phone: '13800138000' }] },
  ])
  const req = await api(pa, 'RequestsApp/Create', [
    {
      customerId: cust.customer.id, contactId: cust.contacts[0].id, contactName: '张伟', channel: '电话', type: '技术咨询',
      urgency: 'normal', title: '咨询系统对接方案', receivedAt: new Date(Date.now() - 600_000).toISOString(), receivedBy: '王芳',
    },
  ])

  // The request's 内部备注 tab: a name nobody has is refused, naming it.
  await pa.goto(`${server.url}/#/requests/${req.id}?tab=notes`)
  const input = pa.getByTestId('note-input').locator('textarea')
  await input.waitFor()
  await input.fill('@张三 请看一下')
  await pa.getByTestId('note-save').click()
  await pa.getByTestId('note-error').getByText('@张三 不在人员名单中').waitFor()
  assert.equal(await pa.getByTestId('note').count(), 0, 'nothing written')

  // Typing @ offers the colleagues; picking 李娜 writes her name.
  await input.fill('')
  await input.pressSequentially('@李')
  await pa.locator('.n-base-select-option', { hasText: '李娜' }).click()
  await input.pressSequentially('客户要求周五前答复对接方案，请今天下午回电')
  assert.match(await input.inputValue(), /^@李娜 客户要求周五前答复/)
  await pa.getByTestId('note-save').click()
  const note = pa.getByTestId('note').first()
  await note.waitFor()
  assert.match(await note.innerText(), /王芳[\s\S]*已提醒 李娜[\s\S]*@李娜 客户要求周五前答复对接方案/)
  // The history says a note was written; the note is not a communication record.
  await pa.getByTestId('tab-history').click()
  await pa.getByTestId('history').getByText('写了内部备注：@李娜 客户要求周五前答复').waitFor()

  // 李娜, in her own browser, finds the mention first in her bell.
  const b = await newPage(browser)
  cleanups.push(() => b.context.close())
  const pb = b.page
  await login(pb, server.url, '李娜', 'agent-密码-2024')
  const count = pb.getByTestId('mine-count')
  await until(async () => Number(await count.getAttribute('data-count')) >= 1, 'her bell to count the mention')
  const before = Number(await count.getAttribute('data-count'))
  await pb.getByTestId('alert-bell').click()
  const panel = pb.getByTestId('mine-panel')
  await panel.waitFor()
  assert.equal(await panel.getAttribute('data-person'), '李娜')
  const first = panel.getByTestId('mine-item').first()
  assert.equal(await first.getAttribute('data-kind'), 'mention')
  assert.equal(await first.getAttribute('data-read'), '0')
  assert.match(await first.innerText(), /提到我[\s\S]*咨询系统对接方案[\s\S]*王芳 提到了您：@李娜 客户要求周五前答复/)
  // 王芳's bell has no mention: it was not hers.
  const hers = await api(pa, 'TimeLimitsApp/MyNotifications')
  assert.equal(hers.items.filter((n) => n.kind === 'mention').length, 0)

  // The mention leads to the request's notes; the bell is the screenshot.
  await first.locator('a').click()
  await pb.waitForURL(new RegExp(`#/requests/${req.id}\\?tab=notes`))
  await pb.getByTestId('note').first().waitFor()
  await pb.getByTestId('alert-bell').click()
  await panel.waitFor()
  await screenshot(pb, 'notes', path.join(screenshotsDir, 'notes.png'))

  // Marked read: it moves after the unread ones and the count drops by one.
  const mention = panel.locator('[data-testid=mine-item][data-kind=mention]')
  await mention.getByTestId('mine-read').click()
  await until(async () => (await mention.getAttribute('data-read')) === '1', 'the mention to be read')
  assert.equal(Number(await count.getAttribute('data-count')), before - 1)
  const marks = await api(pb, 'TimeLimitsApp/MyNotifications')
  assert.equal(marks.items.find((n) => n.kind === 'mention').read, true)

  // The team server posted the mention to the group robot once, signed.
  await until(() => robot.posts.some((p) => p.text.content.includes('@李娜')), 'the robot to receive the mention')
  assert.deepEqual(robot.bad, [], 'every post was signed with the secret')
  const posted = robot.posts.filter((p) => p.text.content.includes('内部备注'))
  assert.equal(posted.length, 1)
  assert.match(posted[0].text.content, /^【需求管家】王芳 在 \S+ 咨询系统对接方案 的内部备注中提到了 @李娜 ：@李娜 客户要求周五前答复/)
})
