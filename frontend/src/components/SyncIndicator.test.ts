import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { SyncStatus } from '../api/types'
import { useSyncStore } from '../stores/sync'
import { renderView, text } from '../test/render'
import SyncDetails from './SyncDetails.vue'
import SyncIndicator from './SyncIndicator.vue'

// Nothing may reach a backend while rendering.
vi.mock('../api/sync', () => ({}))

function status(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    joined: true,
    server: 'https://192.168.1.10:8443',
    account: '张伟',
    deviceCode: 'ZW',
    online: true,
    syncing: false,
    pending: 0,
    conflicts: 0,
    lastSync: new Date(Date.now() - 5 * 60_000).toISOString(),
    lastError: null,
    fingerprint: '',
    isServer: false,
    ...over,
  }
}

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

async function indicator(s: SyncStatus | null) {
  if (s) useSyncStore().apply(s)
  return renderView(SyncIndicator, pinia)
}

describe('SyncIndicator', () => {
  it('shows nothing on a computer not in a team', async () => {
    expect(text(await indicator(status({ joined: false })))).toBe('')
    expect(text(await indicator(null))).toBe('')
  })

  it('says the team server is one', async () => {
    const html = await indicator(status({ joined: false, isServer: true }))
    expect(html).toContain('data-testid="sync-server"')
    expect(text(html)).toContain('团队服务器')
  })

  it('online with nothing waiting: the last sync time and 立即同步', async () => {
    const html = await indicator(status())
    expect(html).toContain('data-state="online"')
    const words = text(html)
    expect(words).toContain('在线')
    expect(words).toMatch(/上次同步 \d\d:\d\d/)
    expect(words).toContain('立即同步')
    expect(html).not.toContain('data-testid="sync-pending"')
    expect(html).not.toContain('data-testid="sync-conflicts"')
    expect(html).not.toContain('data-testid="sync-error"')
  })

  it('offline with changes waiting and never synced', async () => {
    const html = await indicator(
      status({ online: false, pending: 3, lastSync: null, lastError: { code: 'internal', message: '', key: 'sync_unreachable', params: { reason: 'connection refused' } } }),
    )
    expect(html).toContain('data-state="offline"')
    const words = text(html)
    expect(words).toContain('离线')
    expect(words).toContain('3 项待同步')
    expect(words).toContain('尚未同步')
    // Being offline is not shown as a failure.
    expect(html).not.toContain('data-testid="sync-error"')
  })

  it('counts the conflicts in a badge that opens the inbox', async () => {
    const html = await indicator(status({ conflicts: 2 }))
    expect(html).toMatch(/<a[^>]*href="\/sync\/conflicts"[^>]*data-testid="sync-conflicts"[^>]*data-count="2"/)
    expect(html).toContain('title="2 项同步冲突"')
    expect(text(html)).toContain('同步冲突')
  })

  it('shows a failed round as an error', async () => {
    const html = await indicator(
      status({ lastError: { code: 'device_revoked', message: '本机已被移出团队', key: 'sync_device_revoked' } }),
    )
    expect(html).toContain('data-state="error"')
    expect(html).toContain('data-testid="sync-error"')
    expect(text(html)).toContain('同步出错')
  })

  it('spins while a round runs', async () => {
    const html = await indicator(status({ syncing: true }))
    expect(html).toContain('data-state="syncing"')
    expect(html).toContain('data-testid="sync-spinner"')
    expect(text(html)).toContain('正在同步')
  })
})

describe('SyncDetails', () => {
  it('says the last error plainly, translated from its key', async () => {
    useSyncStore().apply(
      status({ online: false, pending: 1, lastError: { code: 'device_revoked', message: '已吊销', key: 'sync_device_revoked' } }),
    )
    const html = await renderView(SyncDetails, pinia)
    const words = text(html)
    expect(words).toContain('上次同步失败：本机已被移出团队，不能再同步；未同步的修改仍保留在本机')
    expect(words).toContain('https://192.168.1.10:8443')
    expect(words).toContain('张伟')
    expect(words).toContain('离线 · 1 项待同步')
    expect(words).toMatch(/上次同步 \d{4}-\d\d-\d\d \d\d:\d\d（\d 分钟前）/)
  })

  it('says it in English in the English UI', async () => {
    useSyncStore().apply(status({ lastError: { code: 'device_revoked', message: '已吊销', key: 'sync_device_revoked' } }))
    const words = text(await renderView(SyncDetails, pinia, {}, 'en'))
    expect(words).toContain('Last sync failed: This computer was removed from the team; it no longer syncs')
    // Only the account's own name is Chinese.
    expect(words.replace('张伟', '')).not.toMatch(/\p{Script=Han}/u)
  })
})
