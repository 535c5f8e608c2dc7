// End-to-end: 设置 → 数据与备份 against the real binary in serve mode. The
// first start makes the day's automatic backup; a customer registered after
// it is lost again when that backup is restored: chosen in the list,
// summarised (schema version, requests), confirmed, and done when serve
// starts again, with the replaced database kept. A backup made now downloads
// (encrypted with a passphrase), comes back in as an upload, and opens only
// with the right passphrase.
import assert from 'node:assert/strict'
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

async function serve() {
  const srv = await startServer(dir)
  cleanups.push(() => srv.stop())
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

async function toBackups(page, srv) {
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
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-submit').click()])
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
    }),
  )
})
