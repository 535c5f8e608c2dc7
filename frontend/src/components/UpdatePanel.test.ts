process.env.TZ = 'Asia/Shanghai'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { UpdateStatus } from '../api/types'
import { useUpdateStore } from '../stores/update'
import { renderView, text } from '../test/render'
import UpdateBadge from './UpdateBadge.vue'
import UpdatePanel from './UpdatePanel.vue'

// Nothing may reach a backend while rendering.
vi.mock('../api/update', () => ({}))
vi.mock('../api/sync', () => ({}))

function status(over: Partial<UpdateStatus> = {}): UpdateStatus {
  return {
    current: '1.0.0',
    blocked: null,
    installBlocked: null,
    source: 'https://192.168.1.10:8443/releases/',
    fromTeam: true,
    address: '',
    checking: false,
    downloading: false,
    checkedAt: '2026-12-04T01:00:00Z',
    available: null,
    staged: null,
    error: null,
    applied: null,
    startError: null,
    canRestart: true,
    ...over,
  }
}

const v110 = { version: '1.1.0', notes: '### 新增\n- 更快的列表', date: '2026-12-03T08:00:00Z', size: 44_000_000 }

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

async function render(c: typeof UpdateBadge | typeof UpdatePanel, s: UpdateStatus | null, locale: 'zh-CN' | 'en' = 'zh-CN') {
  if (s) useUpdateStore().apply(s)
  return renderView(c, pinia, {}, locale)
}

describe('顶栏：新版本', () => {
  it('shows nothing when up to date, offline, not checked or in a development build', async () => {
    expect(text(await render(UpdateBadge, null))).toBe('')
    expect(text(await render(UpdateBadge, status()))).toBe('')
    const offline = status({ error: { code: 'invalid', message: '', key: 'update_unreachable', params: { url: 'x', reason: 'refused' } } })
    expect(text(await render(UpdateBadge, offline))).toBe('')
    const dev = status({ available: v110, blocked: { code: 'invalid', message: '', key: 'update_no_key', params: {} } })
    expect(text(await render(UpdateBadge, dev))).toBe('')
  })

  it('shows 新版本 with the version, linking to 设置 → 关于', async () => {
    const html = await render(UpdateBadge, status({ available: v110 }))
    expect(html).toMatch(/<a[^>]*href="\/settings\?panel=about"[^>]*data-testid="update-badge"[^>]*data-state="available"/)
    expect(text(html)).toContain('新版本 1.1.0')
  })

  it('says 重启以更新 once downloaded', async () => {
    const html = await render(UpdateBadge, status({ available: v110, staged: v110 }))
    expect(html).toContain('data-state="staged"')
    expect(text(html)).toContain('重启以更新到 1.1.0')
  })

  it('speaks English', async () => {
    expect(text(await render(UpdateBadge, status({ available: v110 }), 'en'))).toContain('New version 1.1.0')
  })
})

describe('设置 → 关于 → 程序更新', () => {
  it('a newer version: its notes, date, size and 下载并安装', async () => {
    const html = await render(UpdatePanel, status({ available: v110 }))
    const words = text(html)
    expect(words).toContain('当前版本')
    expect(words).toContain('1.0.0')
    expect(words).toContain('团队服务器 https://192.168.1.10:8443/releases/')
    expect(html).toContain('data-testid="update-available"')
    expect(words).toContain('新版本 1.1.0')
    expect(words).toContain('- 更快的列表')
    expect(words).toContain('2026-12-03')
    expect(words).toContain('42 MB')
    expect(html).toContain('data-testid="update-download"')
    expect(words).toContain('下载并安装')
    expect(words).toContain('检查更新')
  })

  it('up to date: says so and when it checked', async () => {
    const html = await render(UpdatePanel, status())
    const words = text(html)
    expect(words).toContain('已是最新版本')
    expect(words).toContain('上次检查：2026-12-04 09:00')
    expect(html).not.toContain('data-testid="update-available"')
  })

  it('downloaded: waits for the next start, with 立即重启并更新 in the window', async () => {
    let words = text(await render(UpdatePanel, status({ available: v110, staged: v110 })))
    expect(words).toContain('新版本 1.1.0 已下载，签名和 SHA-256 核对无误')
    expect(words).toContain('立即重启并更新')
    expect(words).not.toContain('下载并安装')
    pinia = createPinia()
    setActivePinia(pinia)
    words = text(await render(UpdatePanel, status({ available: v110, staged: v110, canRestart: false })))
    expect(words).toContain('关闭程序后再打开即可换用')
  })

  it('says a refused check, a package install, a refused switch and a switch made, in words', async () => {
    const refused = status({ error: { code: 'conflict', message: '', key: 'update_bad_signature', params: { current: '1.0.0' } } })
    expect(text(await render(UpdatePanel, refused))).toContain('签名无效')
    const pkg = status({
      available: v110,
      installBlocked: { code: 'forbidden', message: '', key: 'update_not_writable', params: { dir: '/usr/bin', version: '1.1.0' } },
    })
    let words = text(await render(UpdatePanel, pkg))
    expect(words).toContain('/usr/bin 不可写')
    expect(words).not.toContain('下载并安装')
    const start = status({
      startError: { code: 'conflict', message: '', key: 'update_tampered', params: { file: 'reqdesk-1.1.0-linux-amd64', current: '1.0.0' } },
      applied: null,
    })
    words = text(await render(UpdatePanel, start))
    expect(words).toContain('上次下载的更新没有换用')
    expect(words).toContain('与签名清单不符')
    words = text(await render(UpdatePanel, status({ current: '1.1.0', applied: { from: '1.0.0', to: '1.1.0', at: '2026-12-04T01:00:00Z' } })))
    expect(words).toContain('已从 1.0.0 更新到 1.1.0')
  })

  it('a development build: says why it does not update itself, and offers nothing', async () => {
    const html = await render(UpdatePanel, status({ blocked: { code: 'invalid', message: '', key: 'update_no_key', params: {} }, available: v110 }))
    expect(text(html)).toContain('没有内置发布公钥')
    expect(html).not.toContain('data-testid="update-check"')
    expect(html).not.toContain('data-testid="update-available"')
  })

  it('in English, with the notes as written', async () => {
    const words = text(await render(UpdatePanel, status({ available: v110 }), 'en'))
    expect(words).toContain('New version 1.1.0')
    expect(words).toContain('Download and install')
    expect(words).toContain('- 更快的列表')
  })
})
