// End-to-end: documents and Excel through the UI, against the real reqdesk
// binary in serve mode with the demo data. The analysis confirmation letter
// of a request awaiting the customer's confirmation is generated, signed on
// the pad with the mouse and then recorded on the analysis; the request list
// exports its registration table and imports it back with a dry run first.
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import {
  api,
  ensureTools,
  fillDemo,
  launchBrowser,
  makeDataDir,
  appTab,
  removeDir,
  resultsDir,
  screenshot,
  screenshotsDir,
  startServer,
} from './server.mjs'

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

const pages = new Map()

function shotOnFailure(fn) {
  return async (t) => {
    try {
      await fn(t)
    } catch (e) {
      const page = pages.get(t.name)
      if (page) await screenshot(page, `failed-${t.name.slice(0, 40).replace(/[^a-z0-9-]+/gi, '-')}`).catch(() => undefined)
      throw e
    }
  }
}

async function open(t) {
  const { page, context, first, errors } = await appTab(browser, srv)
  if (first) cleanups.push(() => context.close())
  pages.set(t.name, page)
  return { page, errors }
}

async function settled(page) {
  await page.waitForFunction(() => document.querySelector('.n-data-table-loading-wrapper, .n-spin') === null)
  await page.waitForTimeout(300)
}

/** drawSignature draws a short scribble across the pad with the mouse. */
async function drawSignature(page) {
  const pad = page.getByTestId('signature-pad')
  // The dialog opens with a scale animation: wait until the pad stops moving.
  let box = await pad.boundingBox()
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100)
    const next = await pad.boundingBox()
    if (box && next && next.x === box.x && next.y === box.y && next.width === box.width) break
    box = next
  }
  assert.ok(box, 'signature pad has a box')
  const y = box.y + box.height * 0.55
  await page.mouse.move(box.x + 60, y)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 60 + i * 22, y + (i % 2 ? -30 : 25), { steps: 3 })
  }
  await page.mouse.up()
  await page.mouse.move(box.x + 120, y - 10)
  await page.mouse.down()
  await page.mouse.move(box.x + 300, y + 10, { steps: 6 })
  await page.mouse.up()
}

describe('documents', () => {
  test(
    'generate the analysis confirmation letter; the customer signs it on screen, which confirms the analysis',
    shotOnFailure(async (t) => {
      const { page, errors } = await open(t)
      const list = await api(page, 'RequestsApp/List', [{ statuses: ['analysis_confirm'], pageSize: 50 }])
      assert.ok(list.items.length > 0, 'the demo has a request awaiting the analysis confirmation')
      const req = list.items[0]

      await page.goto(`${srv.origin}/#/requests/${req.id}`)
      await page.getByTestId('detail-number').waitFor()
      await page.getByTestId('tab-analysis').click()
      const block = page.locator('[data-testid=panel-analysis] [data-testid=doc-type][data-type=analysis_letter]')
      await block.waitFor()
      assert.match(await block.innerText(), /需求分析确认函/)
      assert.match(await block.innerText(), /尚未生成/)

      await block.getByTestId('doc-generate').click()
      const v1 = block.locator('[data-testid=doc-version][data-version="1"]')
      await v1.waitFor()
      assert.equal(await v1.getAttribute('data-status'), 'generated')
      assert.match(await v1.getByTestId('doc-status').innerText(), /已生成/)
      assert.match(await block.getByTestId('doc-generate').innerText(), /重新生成/)

      // Preview draws the PDF in the app's own viewer (see pdfviewer.test.mjs).
      await v1.getByTestId('doc-preview').click()
      const frame = page.getByTestId('doc-preview-frame')
      await frame.waitFor()
      await frame.locator('[data-testid=pdf-page][data-drawn=true] canvas').first().waitFor({ timeout: 30_000 })
      await page.keyboard.press('Escape')
      await frame.waitFor({ state: 'detached' })

      // Save as downloads the PDF under its Chinese name.
      const [download] = await Promise.all([page.waitForEvent('download'), v1.getByTestId('doc-save').click()])
      assert.match(download.suggestedFilename(), /^需求分析确认函_.+-FX-V1\.pdf$/)
      const pdf = await readFile(await download.path())
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')

      // Sign on screen as the customer's representative.
      await block.scrollIntoViewIfNeeded()
      await v1.getByTestId('doc-sign').click()
      const dialog = page.getByTestId('sign-dialog')
      await dialog.waitFor()
      assert.equal(await page.getByTestId('sign-submit').isDisabled(), true, 'nothing drawn yet')
      await page.getByTestId('sign-name').locator('input').fill('王建国')
      await page.getByTestId('sign-title').locator('input').fill('信息部经理')
      await drawSignature(page)
      await page.waitForFunction(() => document.querySelector('.n-message') === null, null, { timeout: 8000 }).catch(() => undefined)
      assert.match(await page.getByTestId('sign-confirms').innerText(), /客户签字即确认需求分析/)
      await screenshot(page, 'documents-sign-pad', path.join(screenshotsDir, 'documents.png'))
      await page.getByTestId('sign-submit').click()

      const v2 = block.locator('[data-testid=doc-version][data-version="2"]')
      await v2.waitFor()
      assert.equal(await v2.getAttribute('data-status'), 'signed_on_screen')
      assert.match(await v2.getByTestId('doc-status').innerText(), /已屏幕签字/)
      assert.match(await v2.innerText(), /王建国/)
      assert.equal(await block.getByTestId('doc-version').count(), 2)

      // The customer's signature is the confirmation: the analysis record has
      // the signer and the request moved on, with no second prompt or step.
      assert.equal(await page.getByTestId('sign-record-dialog').count(), 0)
      await page.waitForFunction(() => /王建国/.test(document.querySelector('[data-testid=analysis-letter]')?.textContent ?? ''))
      const moved = await api(page, 'RequestsApp/Get', [req.id])
      assert.equal(moved.request.status, 'plan_drafting')
      assert.equal(moved.records.find((r) => r.kind === 'analysis').body.signedBy, '王建国')
      assert.equal(moved.transitions[moved.transitions.length - 1].action, 'analysis_ok')

      const docs = await api(page, 'DocumentsApp/List', [req.id])
      const letters = docs.filter((d) => d.type === 'analysis_letter')
      assert.deepEqual(
        letters.map((d) => [d.version, d.status]),
        [
          [2, 'signed_on_screen'],
          [1, 'generated'],
        ],
      )
      assert.equal(letters[0].signatures[0].signer, '王建国')
      assert.equal(letters[0].signatures[0].role, 'customer')
      await screenshot(page, 'documents-signed')
      assert.deepEqual(errors, [])
    }),
  )

  test(
    'a document the request is not ready for is refused in Chinese',
    shotOnFailure(async (t) => {
      const { page } = await open(t)
      const list = await api(page, 'RequestsApp/List', [{ statuses: ['registered'], pageSize: 50 }])
      const req = list.items[0]
      await page.goto(`${srv.origin}/#/requests/${req.id}`)
      await page.getByTestId('detail-number').waitFor()
      await page.getByTestId('tab-feedback').click()
      const block = page.locator('[data-testid=doc-type][data-type=survey]')
      await block.waitFor()
      await block.getByTestId('doc-generate').click()
      const refusal = page.getByTestId('doc-refusal')
      await refusal.waitFor()
      assert.match(await refusal.innerText(), /满意度/)
      assert.equal(await block.getByTestId('doc-version').count(), 0)
    }),
  )
})

describe('excel', () => {
  test(
    'export the registration table, then import it back after a dry run',
    shotOnFailure(async (t) => {
      const { page, errors } = await open(t)
      await page.getByTestId('nav-requests').click()
      await page.getByTestId('request-row').first().waitFor()
      await settled(page)

      const want = await api(page, 'ExcelApp/Count', ['registrations', {}])
      await page.getByTestId('list-export').click()
      const count = page.getByTestId('export-count')
      await page.waitForFunction(() => document.querySelector('[data-testid=export-count]')?.getAttribute('data-count') !== '')
      assert.equal(Number(await count.getAttribute('data-count')), want)
      assert.match(await count.innerText(), new RegExp(`共 ${want} 行`))
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-submit').click()])
      assert.match(download.suggestedFilename(), /\.xlsx$/)
      const file = path.join(resultsDir, download.suggestedFilename())
      await download.saveAs(file)
      const bytes = await readFile(file)
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK')
      await page.getByTestId('export-dialog').waitFor({ state: 'detached' })

      // A file that is not a workbook is refused in Chinese.
      await page.getByTestId('list-import').click()
      await page.getByTestId('import-dialog').waitFor()
      const bad = path.join(resultsDir, '不是表格.xlsx')
      await writeFile(bad, 'not a workbook')
      await page.getByTestId('import-file').setInputFiles(bad)
      const err = page.getByTestId('import-error')
      await err.waitFor()
      assert.match(await err.innerText(), /[\u4e00-\u9fff]/)
      assert.equal(await page.getByTestId('import-confirm').isDisabled(), true)

      // The exported table reads back without problems: every row unchanged.
      await page.getByTestId('import-file').setInputFiles(file)
      const report = page.getByTestId('import-report')
      await page.getByTestId('import-ok').waitFor()
      assert.equal(await report.getAttribute('data-applied'), 'false')
      assert.match(await page.getByTestId('import-rows').innerText(), new RegExp(String(want)))
      assert.match(await page.getByTestId('import-skipped').innerText(), new RegExp(String(want)))
      await screenshot(page, 'excel-import-dry-run')
      await page.getByTestId('import-confirm').click()
      await page.getByTestId('import-done').waitFor()
      assert.equal(await report.getAttribute('data-applied'), 'true')
      await screenshot(page, 'excel-import-result')
      await page.getByTestId('import-done').click()
      assert.deepEqual(errors, [])
    }),
  )
})
