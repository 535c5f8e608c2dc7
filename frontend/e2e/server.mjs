// Helpers for the end-to-end tests: the real reqdesk binary in serve mode on
// a fresh data directory, and the system's Chromium driven by playwright-core.
import { spawn, execFile } from 'node:child_process'
import { mkdtemp, rm, mkdir, access } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
export const frontendDir = path.resolve(here, '..')
export const repoDir = path.resolve(frontendDir, '..')
export const resultsDir = path.join(frontendDir, 'test-results')
export const screenshotsDir = path.join(repoDir, 'docs', 'screenshots')

/** bin is the binary under test: REQDESK_BIN, or the one `go build -o build/bin/reqdesk .` makes. */
export const bin = path.resolve(frontendDir, process.env.REQDESK_BIN ?? '../build/bin/reqdesk')

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const run = promisify(execFile)

/** ensureTools fails early, with a clear message, when the binary or the browser is missing. */
export async function ensureTools() {
  for (const [what, p] of [
    ['reqdesk binary (set REQDESK_BIN or build it: cd frontend && npm run build && cd .. && go build -o build/bin/reqdesk .)', bin],
    ['Chromium (apt-get install chromium, or set CHROMIUM_PATH)', chromiumPath],
  ]) {
    try {
      await access(p)
    } catch {
      throw new Error(`missing ${what}: ${p}`)
    }
  }
}

/** makeDataDir creates a fresh temporary data directory. */
export function makeDataDir() {
  return mkdtemp(path.join(tmpdir(), 'reqdesk-e2e-'))
}

/** removeDir deletes a directory tree, ignoring one that is already gone. */
export function removeDir(dir) {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 })
}

/** fillDemo runs `reqdesk demo` on dir. */
export async function fillDemo(dir) {
  await run(bin, ['demo', '--data', dir], { timeout: 180_000 })
}

/**
 * startServer runs `reqdesk serve` on dir with a free port and resolves once
 * it printed its URL. The returned stop() sends SIGTERM and waits for the exit
 * (SIGKILL after 10 s). env adds variables, e.g. REQDESK_TEST_CLOCK to start
 * the program's clock at a chosen moment. addr chooses the address; with
 * accounts (or any address other than loopback) the server asks for logins
 * instead of a token and url is the plain address to open.
 */
export function startServer(dir, { timeoutMs = 20_000, env = {}, addr = '127.0.0.1:0', accounts = false } = {}) {
  const args = ['serve', '--data', dir, '--addr', addr, ...(accounts ? ['--accounts'] : [])]
  // On a network address the server answers over HTTPS (a self-signed
  // certificate made at its first start); on loopback over plain HTTP.
  const printed = accounts || !/^(127\.|localhost:)/.test(addr) ? /(https?:\/\/127\.0\.0\.1:\d+)\// : /(http:\/\/127\.0\.0\.1:\d+)\/\?token=[0-9a-f]+/
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TZ: process.env.TZ ?? 'Asia/Shanghai', ...env },
    })
    let out = ''
    let err = ''
    let settled = false
    const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })))
    const stop = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const res = await exited
      clearTimeout(timer)
      return res
    }
    const timer = setTimeout(() => {
      if (settled) return
      settled = true
      void stop()
      reject(new Error(`reqdesk serve printed no URL within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`))
    }, timeoutMs)
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (s) => {
      out += s
      const m = printed.exec(out)
      // Over HTTPS the server is ready once its certificate's fingerprint,
      // printed after the URL, has arrived too (it may come in a later read).
      if (m && !settled && (!m[1].startsWith('https:') || /证书指纹 \(SHA-256\): [0-9A-F:]+\n/.test(out))) {
        settled = true
        clearTimeout(timer)
        resolve({ url: m[0], origin: m[1], stop, exited, output: () => ({ out, err }),
          // The certificate's fingerprint, printed after the URL over HTTPS.
          fingerprint: () => /证书指纹 \(SHA-256\): ([0-9A-F:]+)/.exec(out)?.[1] ?? '' })
      }
    })
    child.stderr.on('data', (s) => {
      err += s
    })
    child.once('error', (e) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      reject(e)
    })
    child.once('exit', (code) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      reject(new Error(`reqdesk serve exited with ${code}\nstdout: ${out}\nstderr: ${err}`))
    })
  })
}

/**
 * addUser creates an account with `reqdesk user add`, the password on
 * standard input as a script would give it (never on the command line).
 */
export function addUser(dir, name, password, roles) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['user', 'add', name, '--role', roles.join(','), '--password-stdin', '--data', dir], {
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (s) => (out += s))
    child.stderr.on('data', (s) => (out += s))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`reqdesk user add ${name} exited with ${code}: ${out}`))))
    child.stdin.end(`${password}\n`)
  })
}

/** launchBrowser starts the system Chromium headless; it never downloads a browser. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  })
}

/** newPage opens a zh-CN page of the given size in a fresh context. */
export async function newPage(browser, { width = 1366, height = 800, selfSigned = false } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    // A server's self-signed certificate: the test compares its fingerprint
    // itself (see login.test.mjs), as a person would.
    ignoreHTTPSErrors: selfSigned,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  return { context, page }
}

/** sessions keeps, per server, the browser context its one-time link let in. */
const sessions = new WeakMap()

/**
 * appTab opens srv's app on the dashboard in a tab that records page errors.
 * The printed link lets one browser in, once: the first call opens it in a
 * new context, later calls open further tabs of that context at the app's
 * address. first tells whether the context is new (its closing is the
 * caller's); prepare runs on the page before it loads (e.g. an init script).
 */
export async function appTab(browser, srv, { size, prepare } = {}) {
  let context = sessions.get(srv)
  const first = !context
  if (first) {
    context = (await newPage(browser, size)).context
    sessions.set(srv, context)
  }
  const page = first ? context.pages()[0] : await context.newPage()
  if (size) await page.setViewportSize(size)
  if (prepare) await prepare(page, context)
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(first ? srv.url : `${srv.origin}/#/dashboard`)
  await page.getByTestId('dashboard-view').waitFor()
  return { page, context, first, errors }
}

/**
 * screenshot saves a PNG into test-results/ and, with copyTo, to a second path
 * such as docs/screenshots/ — but only when UPDATE_SCREENSHOTS is set (`make
 * screenshots`), so that a test run leaves the committed pictures alone.
 */
export async function screenshot(page, name, copyTo) {
  await mkdir(resultsDir, { recursive: true })
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`) })
  if (copyTo && process.env.UPDATE_SCREENSHOTS) {
    await mkdir(path.dirname(copyTo), { recursive: true })
    await page.screenshot({ path: copyTo })
  }
}

/**
 * api calls a bound Go method from the page, with its session cookie, the
 * call header the server requires and (on loopback) the page's session key, and fails on an error response so that a
 * broken set-up step cannot pass for data.
 */
export function api(page, method, args = []) {
  return page.evaluate(
    async ([m, a]) => {
      const r = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-ReqDesk-Call': '1',
          // On loopback the session key the one-time link handed the page.
          'X-ReqDesk-Key': localStorage.getItem('reqdesk.sessionKey') ?? '',
        },
        body: JSON.stringify(a),
      })
      const body = await r.json()
      if (!r.ok) throw new Error(`${m}: ${JSON.stringify(body)}`)
      return body
    },
    [method, args],
  )
}
