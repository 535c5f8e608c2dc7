// End-to-end: what a new user reads. The step highlighted next is the one
// the process expects; the history speaks in words, not keys; a refused save
// is said where the user is looking; refusals say the way out; and on an
// English screen no Chinese comes from the backend.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { api, appTab, bin, ensureTools, launchBrowser, makeDataDir, removeDir, screenshot, startServer } from './server.mjs'

const cleanups = []
let browser
let srv

before(async () => {
  await ensureTools()
  browser = await launchBrowser()
  cleanups.push(() => browser.close())
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  // The default demo: it has requests in every status (internal/demo's
  // TestFillShowsEveryStage), a smaller one does not.
  await promisify(execFile)(bin, ['demo', '--data', dir], { timeout: 180_000 })
  srv = await startServer(dir)
  cleanups.push(() => srv.stop())
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

async function open(locale = 'zh-CN') {
  const { page, context, first, errors } = await appTab(browser, srv, {
    prepare: (p) => p.addInitScript((l) => localStorage.setItem('reqdesk.locale', l), locale),
  })
  if (first) cleanups.push(() => context.close())
  return { page, errors }
}

/** oneIn returns a demo request in status, and its detail. */
async function oneIn(page, status, skip = 0) {
  const list = await api(page, 'RequestsApp/List', [{ statuses: [status], limit: 10 }])
  const row = list.items[skip]
  assert.ok(row, `the demo has a request in ${status}`)
  return api(page, 'RequestsApp/Get', [row.id])
}

async function move(page, id, m) {
  const d = await api(page, 'RequestsApp/Get', [id])
  return api(page, 'RequestsApp/Move', [id, d.request.version, m])
}

/** data lists the words the demo's people, lists and customers bring, which are data, not UI. */
async function dataWords(page) {
  const people = await api(page, 'SettingsApp/People', [])
  const lists = await api(page, 'SettingsApp/Vocabularies', [])
  const customers = await api(page, 'CustomersApp/List', [{ search: '', offset: 0, limit: 200 }])
  const words = [
    ...people.map((p) => p.name),
    ...Object.values(lists).flatMap((items) => (Array.isArray(items) ? items.map((i) => i.label) : [])),
    ...customers.items.map((c) => c.name),
  ]
  return words.filter(Boolean).sort((a, b) => b.length - a.length)
}

function withoutData(text, words) {
  let out = text
  for (const w of words) out = out.split(w).join('')
  return out
}

const han = /\p{Script=Han}/u

describe('words', () => {
  test('the step the process expects next is highlighted, not the one just taken', { timeout: 120_000 }, async () => {
    const { page, errors } = await open()
    const d = await oneIn(page, 'registered')
    const lists = await api(page, 'SettingsApp/Vocabularies', [])
    await move(page, d.request.id, { action: 'triage', department: lists.departments[0].label, path: 'full' })
    await page.goto(`${srv.origin}/#/requests/${d.request.id}`)
    const next = page.getByTestId('next-steps')
    await next.waitFor()
    // Triaged: triage may be taken again, but assigning the owner comes next.
    await next.locator('[data-testid=move-triage]').waitFor()
    assert.equal(await next.locator('[data-expected=true]').getAttribute('data-testid'), 'move-assign')
    assert.equal(await next.locator('[data-testid=move-triage]').getAttribute('data-expected'), 'false')
    await screenshot(page, 'words-next-step')
    assert.deepEqual(errors, [])
  })

  test('the history speaks Chinese: steps, documents and fields by name', { timeout: 180_000 }, async () => {
    const { page, errors } = await open()
    const checked = []
    for (const status of ['archived', 'implementation', 'feedback']) {
      const d = await oneIn(page, status)
      await page.goto(`${srv.origin}/#/requests/${d.request.id}?tab=history`)
      await page.getByTestId('panel-history').waitFor()
      const history = page.getByTestId('history')
      await history.locator('[data-testid=audit-entry]').first().waitFor()
      const text = await history.innerText()
      checked.push(text)
      // Raw keys: camelCase or snake_case identifiers, and the steps' and statuses' codes.
      const raw = text.match(/\b[a-z]+(?:[A-Z][a-z]+|_[a-z]+)+\b|\b(?:triage|assign|archive|send_result|give_result|deliver|accept|analysis|implementation|feedback|registered|triaged|assigned|generated|signed_on_screen|signed_on_paper)\b/g)
      assert.equal(raw, null, `request ${d.request.number} (${status}) history shows raw keys ${raw}:\n${text.slice(0, 2000)}`)
      assert.ok(!text.includes('创建了记录'), `request ${d.request.number} history says 创建了记录 without saying what`)
    }
    // The archived one names its last step.
    assert.match(checked[0], /执行了“归档”/)
    await screenshot(page, 'words-history')
    assert.deepEqual(errors, [])
  })

  test('a refused save says so where the user is and brings the alert into view', { timeout: 120_000 }, async () => {
    const { page, errors } = await open()
    const d = await oneIn(page, 'analysis')
    await page.setViewportSize({ width: 1366, height: 600 })
    await page.goto(`${srv.origin}/#/requests/${d.request.id}?tab=basic`)
    await page.getByTestId('panel-basic').waitFor()
    await page.getByTestId('panel-basic').getByRole('button', { name: '编辑' }).first().click()
    const save = page.getByTestId('save-request')
    await save.waitFor()
    // Another tab saves first.
    const fresh = await api(page, 'RequestsApp/Get', [d.request.id])
    await api(page, 'RequestsApp/Update', [d.request.id, fresh.request.version, { ...fresh.request.fields, scene: `${fresh.request.fields.scene}（另一窗口）` }])
    await save.scrollIntoViewIfNeeded()
    await save.click()
    await page.locator('.n-message').filter({ hasText: '没有保存：该需求已被他人修改' }).waitFor()
    const alert = page.getByTestId('conflict')
    await alert.waitFor()
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=conflict]')
      if (!el) return false
      const r = el.getBoundingClientRect()
      return r.top >= 0 && r.bottom <= window.innerHeight
    })
    await screenshot(page, 'words-stale-edit')
    assert.deepEqual(errors, [])
  })

  test('in English, guards and refusals reach the screen translated', { timeout: 180_000 }, async () => {
    const { page, errors } = await open('en')
    const words = await dataWords(page)
    // A request in analysis with no records: asking the customer to confirm is blocked.
    const d = await oneIn(page, 'registered', 1)
    const lists = await api(page, 'SettingsApp/Vocabularies', [])
    await move(page, d.request.id, { action: 'triage', department: lists.departments[0].label, path: 'full' })
    await move(page, d.request.id, { action: 'assign', owner: '陈静' })
    await move(page, d.request.id, { action: 'start' })
    await page.goto(`${srv.origin}/#/requests/${d.request.id}`)
    const next = page.getByTestId('next-steps')
    await next.locator('[data-testid=blocked-ask_analysis_ok]').waitFor()
    const blocked = await next.innerText()
    assert.match(blocked, /“Analysis” tab/)
    assert.doesNotMatch(withoutData(blocked, words), han, `Chinese in the next steps:\n${blocked}`)

    // A step the backend refuses: the error arrives as a key and is translated.
    const refused = await page.evaluate(async (id) => {
      const r = await fetch('/api/RequestsApp/Get', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-ReqDesk-Call': '1', 'X-ReqDesk-Key': localStorage.getItem('reqdesk.sessionKey') ?? '' },
        body: JSON.stringify([id]),
      })
      const got = await r.json()
      const m = await fetch('/api/RequestsApp/Move', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-ReqDesk-Call': '1', 'X-ReqDesk-Key': localStorage.getItem('reqdesk.sessionKey') ?? '' },
        body: JSON.stringify([id, got.request.version, { action: 'archive' }]),
      })
      return m.json()
    }, d.request.id)
    assert.equal(refused.key, 'step_not_from_status')

    // A customer whose name is taken: the message names it and offers to use it.
    await page.getByTestId('nav-customers').click()
    await page.getByTestId('customers-view').waitFor()
    const taken = (await api(page, 'CustomersApp/List', [{ search: '', offset: 0, limit: 1 }])).items[0]
    await page.getByTestId('customers-new').click()
    const modal = page.getByTestId('customer-modal')
    await modal.waitFor()
    await modal.getByTestId('cust-name').locator('input').fill(taken.name)
    await modal.getByTestId('customer-modal-submit').click()
    const error = modal.getByTestId('customer-modal-error')
    await error.waitFor()
    const text = await error.innerText()
    assert.match(text, /already exists/)
    assert.doesNotMatch(withoutData(text, words), han, `Chinese in the customer error:\n${text}`)
    await modal.getByTestId('customer-use-existing').click()
    await modal.waitFor({ state: 'hidden' })
    await screenshot(page, 'words-en')
    assert.deepEqual(errors, [])
  })
})
