// End-to-end: 设置 → 数据与备份 against the real binary in serve mode. The
// first start makes the day's automatic backup (in the background, waited
// for here); a customer registered after
// it is lost again when that backup is restored: chosen in the list,
// summarised (schema version, requests), confirmed, and done when serve
// starts again, with the replaced database kept. A backup made now downloads
// (encrypted with a passphrase), comes back in as an upload, and opens only
// with the right passphrase. A scan of a signed paper copy, attached under
// a name that tries to climb out of folders, travels in a backup to another
// computer's data directory and comes back there as its file.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
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
  startServer,
} from './server.mjs'

const cleanups = []
let browser
let dir
let current

before(async () => {
  await ensureTools()
  browser = await launchBrowser()
  cleanups.push(() => browser.close())
  dir = await makeDataDir()
  cleanups.push(() => removeDir(dir))
  await fillDemo(dir)
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

// The servers started, so that a failed test stops its own before the next
// one starts another on the same data directory.
const servers = []

async function serve() {
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
  servers.push(srv)
  return srv
}

async function open(srv) {
  const { context, page } = await newPage(browser)
  cleanups.push(() => context.close())
  current = page
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(srv.url)
  await page.getByTestId('dashboard-view').waitFor()
  return { page, errors }
}

// The day's automatic backup is made in the background after the start.
async function autoBackupMade(page) {
  for (let i = 0; i < 300; i++) {
    const list = await api(page, 'DataApp/Backups')
    if (list.some((b) => b.automatic)) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('no automatic backup 30 s after the start')
}

async function toBackups(page, srv) {
  await autoBackupMade(page)
  await page.goto(`${srv.origin}/#/settings`)
  await page.getByTestId('backup-panel').waitFor()
  await page.getByTestId('backup-row').first().waitFor()
}

const customerNamed = async (page, name) =>
  (await api(page, 'CustomersApp/List', [{ search: name, offset: 0, limit: 5 }])).items.filter((c) => c.name === name).length

function failShot(fn) {
  return async () => {
    try {
      await fn()
    } catch (e) {
      if (current) await screenshot(current, 'failed-backup').catch(() => undefined)
      await Promise.all(servers.map((srv) => srv.stop().catch(() => undefined)))
      throw e
    }
  }
}

describe('backups', () => {
  test(
    'restore the automatic backup from the list; it is done at the next start',
    failShot(async () => {
      let srv = await serve()
      let { page, errors } = await open(srv)
      await autoBackupMade(page)
      const requests = (await api(page, 'ExcelApp/Count', ['registrations', {}]))
      await api(page, 'CustomersApp/Create', [{ fields: { name: '备份之后登记的客户' }, contacts: [] }])
      assert.equal(await customerNamed(page, '备份之后登记的客户'), 1)

      await toBackups(page, srv)
      const row = page.locator('[data-testid=backup-row]').filter({ hasText: 'reqdesk-auto-' })
      assert.equal(await row.count(), 1)
      assert.match(await row.innerText(), /自动/)
      await row.getByTestId('backup-restore').click()
      await page.getByTestId('restore-summary').waitFor()
      assert.equal(Number(await page.getByTestId('restore-requests').getAttribute('data-count')), requests)
      const info = await api(page, 'SystemApp/Info')
      assert.equal(Number(await page.getByTestId('restore-schema').getAttribute('data-schema')), info.latestSchema)
      await screenshot(page, 'backup-restore-summary')
      await page.getByTestId('restore-confirm').click()
      await page.getByTestId('restore-dialog').waitFor({ state: 'detached' })
      const banner = page.getByTestId('pending-restore')
      await banner.waitFor()
      assert.match(await banner.innerText(), /重启/)
      assert.match(await banner.innerText(), /reqdesk serve/)
      // Nothing changes before the restart.
      assert.equal(await customerNamed(page, '备份之后登记的客户'), 1)
      assert.deepEqual(errors, [])

      await srv.stop()
      srv = await serve()
      ;({ page, errors } = await open(srv))
      assert.equal(await customerNamed(page, '备份之后登记的客户'), 0, 'the restored database is the backup')
      assert.equal(await api(page, 'ExcelApp/Count', ['registrations', {}]), requests)
      await toBackups(page, srv)
      const last = page.getByTestId('restore-last')
      await last.waitFor()
      assert.match(await last.innerText(), /reqdesk-auto-.*reqdesk-before-restore-/s)
      assert.equal(await page.getByTestId('pending-restore').count(), 0)
      const kept = page.locator('[data-testid=backup-row]').filter({ hasText: 'reqdesk-before-restore-' })
      assert.match(await kept.innerText(), /恢复前/)
      await page.getByTestId('settings-backup').scrollIntoViewIfNeeded()
      await screenshot(page, 'backup-restored')
      assert.deepEqual(errors, [])
      await srv.stop()
    }),
  )

  test(
    'back up now with a passphrase, bring the file back in, open it only with the passphrase',
    failShot(async () => {
      const srv = await serve()
      const { page, errors } = await open(srv)
      await toBackups(page, srv)

      await page.getByTestId('backup-now').click()
      await page.getByTestId('backup-dialog').waitFor()
      await page.getByTestId('backup-pass').locator('input').fill('短口令')
      assert.equal(await page.getByTestId('backup-submit').isDisabled(), true, 'a short passphrase is refused')
      await page.getByTestId('backup-pass').locator('input').fill('长城长江黄河泰山')
      await page.getByTestId('backup-pass-again').locator('input').fill('长城长江黄河泰山')
      // Encrypting derives the key with scrypt, seconds of CPU on a busy machine.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.getByTestId('backup-submit').click(),
      ])
      assert.match(download.suggestedFilename(), /^reqdesk-\d{8}-\d{6}\.db\.age$/)
      const file = path.join(resultsDir, download.suggestedFilename())
      await download.saveAs(file)
      assert.equal((await readFile(file)).subarray(0, 19).toString('latin1'), 'age-encryption.org/')
      await page.getByTestId('backup-dialog').waitFor({ state: 'detached' })

      await page.getByTestId('backup-file').setInputFiles(file)
      const dialog = page.getByTestId('restore-dialog')
      await dialog.waitFor()
      assert.match(await dialog.innerText(), /reqdesk-imported-/)
      await page.getByTestId('restore-passphrase').locator('input').fill('不是这个口令啊')
      await page.getByTestId('restore-check').click()
      await page.getByTestId('restore-error').waitFor()
      assert.match(await page.getByTestId('restore-error').innerText(), /口令/)
      assert.equal(await page.getByTestId('restore-confirm').isDisabled(), true)
      await page.getByTestId('restore-passphrase').locator('input').fill('长城长江黄河泰山')
      await page.getByTestId('restore-check').click()
      await page.getByTestId('restore-summary').waitFor()
      assert.equal(
        Number(await page.getByTestId('restore-requests').getAttribute('data-count')),
        await api(page, 'ExcelApp/Count', ['registrations', {}]),
      )
      await page.keyboard.press('Escape')
      const row = page.locator('[data-testid=backup-row]').filter({ hasText: 'reqdesk-imported-' })
      assert.match(await row.innerText(), /导入.*已加密/s)

      // Not a backup at all: refused, nothing kept.
      const junk = path.join(resultsDir, '不是备份.db')
      await (await import('node:fs/promises')).writeFile(junk, 'SQLite format 3\u0000 but nothing else')
      const before = await page.getByTestId('backup-row').count()
      await page.getByTestId('backup-file').setInputFiles(junk)
      await page.getByTestId('backup-error').waitFor()
      assert.match(await page.getByTestId('backup-error').innerText(), /不是可用的需求管家备份/)
      assert.equal(await page.getByTestId('backup-row').count(), before)
      assert.deepEqual(errors, [])
      await srv.stop()
    }),
  )

  test(
    'a backup carries the scans of signed paper copies and the request\'s attachments to another computer',
    failShot(async () => {
      let srv = await serve()
      let { page, errors } = await open(srv)
      const list = await api(page, 'RequestsApp/List', [{ statuses: ['analysis_confirm'], pageSize: 50 }])
      assert.ok(list.items.length > 0, 'the demo has a request awaiting the analysis confirmation')
      const req = list.items[0]
      await api(page, 'DocumentsApp/Generate', [req.id, 'analysis_letter'])

      // Signed on paper, with a photo whose name climbs out of folders.
      await page.goto(`${srv.origin}/#/requests/${req.id}`)
      await page.getByTestId('tab-analysis').click()
      const block = page.locator('[data-testid=panel-analysis] [data-testid=doc-type][data-type=analysis_letter]')
      const latest = block.locator('[data-testid=doc-version]').first()
      await latest.getByTestId('doc-paper').click()
      await page.getByTestId('paper-dialog').waitFor()
      const photo = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      )
      const hash = createHash('sha256').update(photo).digest('hex')
      await page.getByTestId('paper-file').setInputFiles({ name: '..\\..\\客户签字.png', mimeType: 'image/png', buffer: photo })
      await page.getByTestId('paper-submit').click()
      await page.getByTestId('paper-dialog').waitFor({ state: 'detached' })
      const link = latest.getByTestId('doc-scan')
      await link.waitFor()
      assert.equal(await link.innerText(), '客户签字.png')
      const stored = await readFile(path.join(dir, 'attachments', hash.slice(0, 2), hash))
      assert.ok(stored.equals(photo), 'the photo is kept under the data directory by its hash')

      // And a log attached to the request itself (附件).
      const log = Buffer.from('2026-12-04 09:12:03 ERROR 出库单模板缺少字段：批次号\n')
      await page.getByTestId('tab-attachments').click()
      await page.getByTestId('attach-file').setInputFiles({ name: '现场日志.log', mimeType: 'text/plain', buffer: log })
      await page.getByTestId('attachment-row').first().waitFor()

      // A plain backup, downloaded.
      await toBackups(page, srv)
      await page.getByTestId('backup-now').click()
      await page.getByTestId('backup-dialog').waitFor()
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-submit').click()])
      assert.match(download.suggestedFilename(), /^reqdesk-\d{8}-\d{6}\.db$/)
      const file = path.join(resultsDir, `scans-${download.suggestedFilename()}`)
      await download.saveAs(file)
      assert.deepEqual(errors, [])
      await srv.stop()

      // Another computer, with its own data: the backup comes in and is restored.
      const other = await makeDataDir()
      cleanups.push(() => removeDir(other))
      await fillDemo(other)
      srv = await startServer(other)
      cleanups.push(() => srv.stop())
      ;({ page, errors } = await open(srv))
      await toBackups(page, srv)
      await page.getByTestId('backup-file').setInputFiles(file)
      await page.getByTestId('restore-summary').waitFor()
      const files = page.getByTestId('restore-attachments')
      assert.ok(Number(await files.getAttribute('data-count')) >= 1)
      assert.equal(Number(await files.getAttribute('data-missing')), 0)
      assert.match(await files.innerText(), /签字件/)
      await screenshot(page, 'backup-restore-attachments')
      await page.getByTestId('restore-confirm').click()
      await page.getByTestId('pending-restore').waitFor()
      await srv.stop()

      srv = await startServer(other)
      cleanups.push(() => srv.stop())
      ;({ page, errors } = await open(srv))
      const letter = (await api(page, 'DocumentsApp/List', [req.id])).find((d) => d.type === 'analysis_letter')
      const scan = letter.attachments.find((a) => a.sha256 === hash)
      assert.equal(scan.fileName, '客户签字.png')
      const copied = await readFile(path.join(other, 'attachments', hash.slice(0, 2), hash))
      assert.ok(copied.equals(photo), 'the restore wrote the photo into the other data directory')
      await page.goto(`${srv.origin}/#/requests/${req.id}`)
      await page.getByTestId('tab-analysis').click()
      const restoredLink = page.locator('[data-testid=panel-analysis] [data-testid=doc-scan]').first()
      const [saved] = await Promise.all([page.waitForEvent('download'), restoredLink.click()])
      assert.equal(saved.suggestedFilename(), '客户签字.png')
      assert.ok((await readFile(await saved.path())).equals(photo))
      // The request's attachment came with it, the same bytes.
      await page.getByTestId('tab-attachments').click()
      await page.getByTestId('attachment-row').first().waitFor()
      assert.equal((await page.getByTestId('attachment-name').first().innerText()).trim(), '现场日志.log')
      const [logSaved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attachment-download').first().click()])
      assert.equal(logSaved.suggestedFilename(), '现场日志.log')
      assert.ok((await readFile(await logSaved.path())).equals(log), 'the restored attachment is the one attached')
      assert.deepEqual(errors, [])
      await srv.stop()
    }),
  )
})
