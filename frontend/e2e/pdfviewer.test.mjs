// End-to-end: a document's preview is the app's own PDF viewer (pdf.js on a
// canvas), not the engine's built-in one whose controls are English: the page
// is drawn, the controls speak Chinese (第 1 / N 页, 适合宽度), and zooming and
// fitting the width change the drawing.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { api, ensureTools, fillDemo, launchBrowser, makeDataDir, newPage, removeDir, screenshot, startServer } from './server.mjs'

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

/** inkOf counts the pixels of the page's canvas that are not white. */
function inkOf(page, n) {
  return page.evaluate((n) => {
    const c = document.querySelector(`[data-testid=pdf-page][data-index="${n}"] canvas`)
    if (!c) return -1
    const ctx = c.getContext('2d')
    const { data } = ctx.getImageData(0, 0, c.width, c.height)
    let ink = 0
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) ink++
    return ink
  }, n)
}

describe('pdf viewer', () => {
  test('the preview draws the document with pdf.js and its controls are Chinese', { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(browser)
    cleanups.push(() => context.close())
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(srv.url)
    await page.getByTestId('dashboard-view').waitFor()
    const list = await api(page, 'RequestsApp/List', [{ statuses: ['analysis_confirm'], pageSize: 50 }])
    assert.ok(list.items.length > 0, 'the demo has a request awaiting the analysis confirmation')
    const req = list.items[0]

    await page.goto(`${srv.origin}/#/requests/${req.id}`)
    await page.getByTestId('detail-number').waitFor()
    await page.getByTestId('tab-analysis').click()
    const block = page.locator('[data-testid=panel-analysis] [data-testid=doc-type][data-type=analysis_letter]')
    await block.waitFor()
    const latest = block.locator('[data-testid=doc-version]').first()
    if (!(await latest.count())) await block.getByTestId('doc-generate').click()
    await latest.waitFor()
    await latest.getByTestId('doc-preview').click()

    const viewer = page.getByTestId('doc-preview-frame')
    await viewer.waitFor()
    // No engine viewer: no frame, no embed.
    assert.equal(await page.locator('[data-testid=doc-preview-modal] iframe, [data-testid=doc-preview-modal] embed').count(), 0)
    // The first page is drawn on a canvas, with ink on it.
    await page.locator('[data-testid=pdf-page][data-index="0"][data-drawn=true] canvas').waitFor({ timeout: 30_000 })
    const total = Number(await viewer.getAttribute('data-pages'))
    assert.ok(total >= 1, `the document has pages (${total})`)
    assert.ok((await inkOf(page, 0)) > 2000, 'the first page has text drawn on it')

    // The controls: 第 1 / N 页 and Chinese words only.
    const bar = page.getByTestId('pdf-toolbar')
    assert.equal((await page.getByTestId('pdf-page-number').innerText()).trim(), `第 1 / ${total} 页`)
    const words = await bar.innerText()
    assert.match(words, /适合宽度/)
    assert.doesNotMatch(words, /[A-Za-z]{2,}/, `no English word in the controls: ${words}`)
    const labels = await bar.locator('button').evaluateAll((bs) => bs.map((b) => `${b.title} ${b.getAttribute('aria-label') ?? ''}`).join(' '))
    assert.doesNotMatch(labels, /[A-Za-z]{2,}/, `no English word in the buttons' titles: ${labels}`)
    assert.match(labels, /放大/)
    assert.match(labels, /缩小/)

    // Fitted to the width the page fills the pane; zooming out shrinks it and
    // redraws it; fit width brings it back.
    const paneWidth = await page.getByTestId('pdf-pane').evaluate((p) => p.clientWidth)
    const width = () => page.locator('[data-testid=pdf-page][data-index="0"]').evaluate((p) => p.getBoundingClientRect().width)
    const fitted = await width()
    assert.ok(fitted > paneWidth * 0.9 && fitted <= paneWidth, `fit width: page ${fitted}px in a pane of ${paneWidth}px`)
    await screenshot(page, 'pdf-viewer')
    const zoomBefore = await page.getByTestId('pdf-zoom').innerText()
    await page.getByTestId('pdf-zoom-out').click()
    await page.waitForFunction((w) => {
      const p = document.querySelector('[data-testid=pdf-page][data-index="0"]')
      return p && p.getBoundingClientRect().width < w - 10 && p.getAttribute('data-drawn') === 'true'
    }, fitted)
    assert.notEqual(await page.getByTestId('pdf-zoom').innerText(), zoomBefore)
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid=pdf-page][data-index="0"] canvas')
      const p = c?.parentElement
      return c && p && Math.abs(c.width / (window.devicePixelRatio || 1) - p.getBoundingClientRect().width) < 2
    })
    assert.ok((await inkOf(page, 0)) > 1000, 'redrawn after zooming')
    await page.getByTestId('pdf-fit-width').click()
    await page.waitForFunction((w) => Math.abs(document.querySelector('[data-testid=pdf-page][data-index="0"]').getBoundingClientRect().width - w) < 2, fitted)

    if (total > 1) {
      await page.getByTestId('pdf-next').click()
      await page.waitForFunction(() => /^第 2 \//.test(document.querySelector('[data-testid=pdf-page-number]')?.textContent?.trim() ?? ''))
      await page.locator('[data-testid=pdf-page][data-index="1"][data-drawn=true] canvas').waitFor()
      assert.ok((await inkOf(page, 1)) > 500, 'the second page is drawn')
    }

    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })
    assert.deepEqual(errors, [])
  })
})
