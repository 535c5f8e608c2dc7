// End-to-end: the delivery acceptance form (交付验收单) signed on screen by
// both sides. A demo request in implementation is carried to delivery through
// the API (its open tasks done, a delivery recorded, the deliver step taken);
// then, in the UI only, the form is generated from the delivery panel, the
// customer's representative signs it on the signature pad with the mouse,
// choosing 验收通过 and writing remarks in the same dialog (which records the
// verdict and moves the request on), our side countersigns, and the signed
// version shows as registered with its status, version number and SHA-256;
// its PDF prints the ticked verdict and the remarks.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import {
  api,
  ensureTools,
  fillDemo,
  launchBrowser,
  makeDataDir,
  newPage,
  removeDir,
  resultsDir,
  screenshot,
  screenshotsDir,
  startServer,
} from './server.mjs'

const run = promisify(execFile)

const cleanups = []
let browser
let srv

before(async () => {
  await ensureTools()
  browser = await launchBrowser()
  cleanups.push(() => browser.close())
  const dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  await fillDemo(dir)
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

let current

async function open() {
  const { context, page } = await newPage(browser)
  cleanups.push(() => context.close())
  current = page
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  return { page, errors }
}

/** toDelivery finishes a request's open tasks, records what was delivered and takes the deliver step. */
async function toDelivery(page, id) {
  let detail = await api(page, 'RequestsApp/Get', [id])
  for (const r of detail.records.filter((r) => r.kind === 'task')) {
    if (r.body.status === 'done' || r.body.status === 'cancelled') continue
    await api(page, 'RequestsApp/SaveRecord', [
      { requestId: id, kind: 'task', id: r.id, version: r.version, parentId: r.parentId ?? '', body: { ...r.body, status: 'done', percent: 100 } },
    ])
  }
  await api(page, 'RequestsApp/SaveRecord', [
    {
      requestId: id,
      kind: 'delivery',
      id: '',
      version: 0,
      parentId: '',
      body: { items: '系统对接接口上线；操作手册；培训记录', deliveredOn: new Date().toISOString().slice(0, 10), acceptedOn: '', representative: '', accepted: null, remarks: '' },
    },
  ])
  detail = await api(page, 'RequestsApp/Get', [id])
  const moved = await api(page, 'RequestsApp/Move', [id, detail.request.version, { action: 'deliver', comment: '交付客户验收' }])
  assert.equal(moved.status, 'acceptance')
}

/** drawSignature draws a scribble across the pad with the mouse, once the dialog has stopped moving. */
async function drawSignature(page, dx = 0) {
  const pad = page.getByTestId('signature-pad')
  let box = await pad.boundingBox()
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100)
    const next = await pad.boundingBox()
    if (box && next && next.x === box.x && next.y === box.y && next.width === box.width) break
    box = next
  }
  assert.ok(box, 'signature pad has a box')
  const y = box.y + box.height * 0.5
  await page.mouse.move(box.x + 50 + dx, y)
  await page.mouse.down()
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(box.x + 50 + dx + i * 24, y + (i % 2 ? -28 : 22), { steps: 3 })
  }
  await page.mouse.up()
}

/**
 * sign opens the pad on the newest version, picks the side, names the signer and signs; the
 * customer's signature carries the verdict, chosen in the same dialog (verdict: 'pass' or 'fail').
 */
async function sign(page, block, version, role, name, title, verdict, remarks = '') {
  const row = block.locator(`[data-testid=doc-version][data-version="${version}"]`)
  await row.getByTestId('doc-sign').click()
  await page.getByTestId('sign-dialog').waitFor()
  await page.getByTestId(`sign-role-${role}`).click()
  assert.equal(await page.getByTestId('sign-submit').isDisabled(), true, 'nothing drawn yet')
  await page.getByTestId('sign-name').locator('input').fill(name)
  await page.getByTestId('sign-title').locator('input').fill(title)
  await drawSignature(page, role === 'company' ? 30 : 0)
  if (role === 'customer') {
    // Without a verdict the signature is refused, in Chinese, and nothing is written.
    await page.getByTestId('sign-submit').click()
    assert.match(await page.getByTestId('sign-error').innerText(), /请选择验收结论/)
    await page.getByTestId(`sign-verdict-${verdict}`).click()
    if (remarks) await page.getByTestId('sign-remarks').locator('textarea').fill(remarks)
    await page.waitForFunction(() => document.querySelector('.n-message') === null, null, { timeout: 8000 }).catch(() => undefined)
    await screenshot(page, 'acceptance-sign-dialog')
  } else {
    assert.equal(await page.getByTestId('sign-verdict').count(), 0, 'our side decides nothing')
  }
  await page.getByTestId('sign-submit').click()
  await page.getByTestId('sign-dialog').waitFor({ state: 'detached' })
  const next = block.locator(`[data-testid=doc-version][data-version="${version + 1}"]`)
  await next.waitFor()
  return next
}

describe('acceptance form', () => {
  test('carried to delivery, generated from the delivery panel, signed on screen by both sides, registered', async () => {
    const { page, errors } = await open()
    try {
      const list = await api(page, 'RequestsApp/List', [{ statuses: ['implementation'], pageSize: 10 }])
      assert.ok(list.items.length > 0, 'the demo has a request in implementation')
      const req = list.items[0]
      await toDelivery(page, req.id)

      await page.goto(`${srv.origin}/#/requests/${req.id}`)
      await page.getByTestId('detail-number').waitFor()
      assert.equal(await page.getByTestId('detail-number').innerText(), req.number)
      await page.getByTestId('tab-delivery').click()
      const block = page.locator('[data-testid=doc-type][data-type=acceptance]')
      await block.waitFor()
      assert.match(await block.innerText(), /交付验收单/)
      assert.match(await block.innerText(), /尚未生成/)

      await block.getByTestId('doc-generate').click()
      const v1 = block.locator('[data-testid=doc-version][data-version="1"]')
      await v1.waitFor()
      assert.equal(await v1.getAttribute('data-status'), 'generated')
      assert.match(await v1.getByTestId('doc-status').innerText(), /^已生成$/)

      const v2 = await sign(page, block, 1, 'customer', '赵立新', '项目经理', 'pass', '系统运行稳定，同意验收')
      assert.equal(await v2.getAttribute('data-status'), 'signed_on_screen')
      // The verdict is in the delivery record and the request moved on, in the same action.
      const after = await api(page, 'RequestsApp/Get', [req.id])
      assert.equal(after.request.status, 'feedback')
      const deliveries = after.records.filter((r) => r.kind === 'delivery')
      const delivery = deliveries[deliveries.length - 1].body
      assert.equal(delivery.accepted, true)
      assert.equal(delivery.representative, '赵立新')
      assert.equal(delivery.remarks, '系统运行稳定，同意验收')
      await page.getByTestId('sign-record-dialog').waitFor({ state: 'detached', timeout: 1000 })
      const v3 = await sign(page, block, 2, 'company', '李娜', '交付负责人')
      assert.equal(await v3.getAttribute('data-status'), 'signed_on_screen')

      // The registry as the server keeps it: three versions, the newest
      // signed by both sides.
      const docs = (await api(page, 'DocumentsApp/List', [req.id])).filter((d) => d.type === 'acceptance')
      assert.deepEqual(
        docs.map((d) => [d.version, d.status, d.statusName]),
        [
          [3, 'signed_on_screen', '已屏幕签字'],
          [2, 'signed_on_screen', '已屏幕签字'],
          [1, 'generated', '已生成'],
        ],
      )
      const signed = docs[0]
      assert.deepEqual(
        signed.signatures.map((s) => [s.role, s.signer, s.signerTitle]),
        [
          ['customer', '赵立新', '项目经理'],
          ['company', '李娜', '交付负责人'],
        ],
      )
      assert.match(signed.sha256, /^[0-9a-f]{64}$/)
      assert.notEqual(signed.sha256, docs[1].sha256)

      // What the user sees of it: version, status, both signers, the
      // document number and the fingerprint (short, full on hover).
      assert.equal(await block.getByTestId('doc-version').count(), 3)
      const text = await v3.innerText()
      assert.match(text, /V3/)
      assert.match(text, /最新/)
      assert.ok(text.includes(signed.docNumber), `document number ${signed.docNumber} shown`)
      assert.match(await v3.getByTestId('doc-status').innerText(), /^已屏幕签字$/)
      assert.match(text, /赵立新、李娜/)
      assert.equal(await v3.getByTestId('doc-hash').innerText(), signed.sha256.slice(0, 12))
      await v3.getByTestId('doc-hash').hover()
      await page.locator('.n-tooltip').filter({ hasText: signed.sha256 }).waitFor()
      await screenshot(page, 'acceptance-signed')

      // The signed copy is what the server returns as its PDF.
      const bytes = await page.evaluate(async (id) => {
        const r = await fetch('/api/DocumentsApp/PDF', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-ReqDesk-Call': '1',
            'X-ReqDesk-Key': localStorage.getItem('reqdesk.sessionKey') ?? '',
          },
          body: JSON.stringify([id]),
        })
        const b64 = await r.json()
        const raw = atob(b64)
        const buf = new Uint8Array(raw.length)
        for (let i = 0; i < raw.length; i++) buf[i] = raw.charCodeAt(i)
        const h = await crypto.subtle.digest('SHA-256', buf)
        return [...new Uint8Array(h)].map((x) => x.toString(16).padStart(2, '0')).join('')
      }, signed.id)
      assert.equal(bytes, signed.sha256)

      // What it prints: the verdict ticked, the remarks, both signers; the
      // last page, where they are, rendered for people to look at.
      const b64 = await api(page, 'DocumentsApp/PDF', [signed.id])
      await mkdir(resultsDir, { recursive: true })
      const pdfPath = path.join(resultsDir, 'acceptance-signed.pdf')
      await writeFile(pdfPath, Buffer.from(b64, 'base64'))
      const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'])
      const printed = stdout.replace(/\s+/g, '')
      assert.match(printed, /√验收通过/)
      assert.doesNotMatch(printed, /√验收不通过/)
      assert.match(printed, /系统运行稳定，同意验收/)
      assert.match(printed, /赵立新（项目经理）/)
      assert.match(printed, /李娜（交付负责人）/)
      const png = path.join(resultsDir, 'doc-acceptance-signed')
      const last = String(signed.pages)
      await run('pdftoppm', ['-r', '80', '-png', '-f', last, '-l', last, '-singlefile', pdfPath, png])
      if (process.env.UPDATE_SCREENSHOTS) {
        await run('cp', [`${png}.png`, path.join(screenshotsDir, 'doc-acceptance-signed.png')])
      }
      assert.deepEqual(errors, [])
    } catch (e) {
      await screenshot(current, 'failed-acceptance').catch(() => undefined)
      throw e
    }
  })
})
