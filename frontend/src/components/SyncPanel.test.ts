import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Device, Settings, SyncStatus } from '../api/types'
import { useSessionStore } from '../stores/session'
import { useSettingsStore } from '../stores/settings'
import { useSyncStore } from '../stores/sync'
import { renderView, text } from '../test/render'
import DataAsOf from './DataAsOf.vue'
import DeviceList from './DeviceList.vue'
import SyncPanel from './SyncPanel.vue'
import UnsyncedTag from './UnsyncedTag.vue'

vi.mock('../api/sync', () => ({}))

function status(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    joined: true,
    server: 'https://192.168.1.10:8443',
    account: '张伟',
    deviceCode: 'ZW',
    online: true,
    syncing: false,
    pending: 2,
    conflicts: 1,
    lastSync: '2026-12-04T01:00:00Z',
    lastError: null,
    fingerprint: 'ab12cd34ef567890',
    isServer: false,
    ...over,
  }
}

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

describe('设置 → 团队同步', () => {
  it('not in a team: the join form, its device code from the settings', async () => {
    useSettingsStore().settings = { deviceCode: 'BJ' } as Settings
    useSyncStore().apply(status({ joined: false, pending: 0, conflicts: 0, lastSync: null }))
    const html = await renderView(SyncPanel, pinia)
    const words = text(html)
    expect(html).toContain('data-testid="join-form"')
    for (const label of ['服务器地址', '账号', '密码', '设备代码', '设备名称', '检查服务器', '加入团队']) expect(words).toContain(label)
    expect(html).toMatch(/data-testid="join-device-code"[\s\S]*?value="BJ"/)
    // Joining waits for the server check.
    expect(html).toMatch(/<button[^>]*disabled[^>]*data-testid="join-submit"|<button[^>]*data-testid="join-submit"[^>]*disabled/)
    expect(html).not.toContain('data-testid="sync-joined"')
  })

  it('in a team: server, pinned fingerprint, account, device, status, and what can be done', async () => {
    useSyncStore().apply(status())
    const html = await renderView(SyncPanel, pinia)
    const words = text(html)
    expect(html).toContain('data-testid="sync-joined"')
    expect(words).toContain('https://192.168.1.10:8443')
    expect(words).toContain('AB12 CD34 EF56 7890')
    expect(words).toContain('张伟')
    expect(words).toContain('在线 · 2 项待同步')
    expect(words).toContain('2026-12-04 09:00')
    expect(words).toContain('立即同步')
    expect(words).toContain('同步冲突（1）')
    expect(words).toContain('退出团队')
    expect(html).not.toContain('data-testid="join-form"')
  })

  it('in a team: the last error said plainly', async () => {
    useSyncStore().apply(status({ online: false, lastError: { code: 'device_revoked', message: '', key: 'sync_device_revoked' } }))
    const words = text(await renderView(SyncPanel, pinia))
    expect(words).toContain('上次同步失败：本机已被移出团队，不能再同步')
  })

  it('on the team server: the devices for an administrator, not for others', async () => {
    useSyncStore().apply(status({ joined: false, isServer: true }))
    useSessionStore().user = { id: 'u1', name: 'admin', roles: ['admin'] }
    let html = await renderView(SyncPanel, pinia)
    expect(text(html)).toContain('本机是团队服务器')
    expect(html).toContain('data-testid="sync-devices"')

    useSessionStore().user = { id: 'u2', name: '张伟', roles: ['agent'] }
    html = await renderView(SyncPanel, pinia)
    expect(html).not.toContain('data-testid="sync-devices"')
  })
})

describe('DeviceList', () => {
  const devices: Device[] = [
    { id: 'd1', code: 'ZW', name: '张伟的笔记本', account: '张伟', joinedAt: '2026-11-01T01:00:00Z', lastSync: '2026-12-04T01:00:00Z', revoked: false },
    { id: 'd2', code: 'LN', name: '李娜的笔记本', account: '李娜', joinedAt: '2026-11-02T01:00:00Z', lastSync: null, revoked: true },
  ]

  it('lists code, name, account, joined, last sync and state; only a live device can be revoked', async () => {
    const html = await renderView(DeviceList, pinia, { initial: devices })
    const words = text(html)
    for (const w of ['ZW', '张伟的笔记本', '2026-11-01 09:00', '2026-12-04 09:00', '正常', 'LN', '从未同步', '已吊销']) {
      expect(words).toContain(w)
    }
    expect(html.match(/data-testid="device-revoke"/g)).toHaveLength(1)
    expect(html).toMatch(/data-code="LN" data-revoked="true"/)
  })

  it('says when no device has joined', async () => {
    expect(text(await renderView(DeviceList, pinia, { initial: [] }))).toContain('还没有设备加入')
  })
})

describe('UnsyncedTag', () => {
  it('marks a request with pending changes on a laptop in a team', async () => {
    const s = useSyncStore()
    s.apply(status({ pending: 0 }))
    s.unsyncedIds = ['r1']
    expect(text(await renderView(UnsyncedTag, pinia, { requestId: 'r1' }))).toBe('未同步')
    expect(text(await renderView(UnsyncedTag, pinia, { requestId: 'r2' }))).toBe('')
  })

  it('marks nothing on a computer not in a team', async () => {
    const s = useSyncStore()
    s.apply(status({ joined: false }))
    s.unsyncedIds = ['r1']
    expect(text(await renderView(UnsyncedTag, pinia, { requestId: 'r1' }))).toBe('')
  })
})

describe('DataAsOf', () => {
  it('says as of the last sync, not synced yet, or nothing', async () => {
    const s = useSyncStore()
    s.apply(status())
    expect(text(await renderView(DataAsOf, pinia))).toBe('数据截至 2026-12-04 09:00')
    s.apply(status({ lastSync: null }))
    expect(text(await renderView(DataAsOf, pinia))).toBe('尚未同步')
    s.apply(status({ joined: false, isServer: true }))
    expect(text(await renderView(DataAsOf, pinia))).toBe('')
  })
})
