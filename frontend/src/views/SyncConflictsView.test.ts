import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Conflict, SyncStatus } from '../api/types'
import { useSyncStore } from '../stores/sync'
import { renderView, text } from '../test/render'
import SyncConflictsView from './SyncConflictsView.vue'

vi.mock('../api/sync', () => ({}))

const status: SyncStatus = {
  joined: true,
  server: 'https://office:8443',
  account: '张伟',
  deviceCode: 'ZW',
  online: true,
  syncing: false,
  pending: 0,
  conflicts: 1,
  lastSync: '2026-12-04T01:00:00Z',
  lastError: null,
  fingerprint: '',
  isServer: false,
}

const stale: Conflict = {
  id: 'c1',
  commandName: 'request.move',
  summary: '推进需求：分类定级',
  args: { id: 'r1', version: 2, move: { action: 'triage', comment: '已与客户确认范围，按重要处理' } },
  reason: {
    code: 'conflict',
    message: '需求在服务器上已是“已指派”',
    key: 'sync_stale_step',
    params: {
      status: { kind: 'enums.status', code: 'assigned', name: '已指派' },
      from: { kind: 'enums.status', code: 'registered', name: '已登记' },
      action: { kind: 'enums.moveAction', code: 'triage', name: '分类' },
    },
  },
  requestId: 'r1',
  requestNumber: 'XR-2026-ZW-007',
  serverState: {
    id: 'r1',
    number: 'XR-2026-ZW-007',
    status: 'assigned',
    version: 5,
    fields: { title: '打印机驱动', owner: '李娜', urgency: 'important', customerId: 'c9' },
  },
  changedBy: '王芳',
  changedAt: '2026-12-03T02:15:00Z',
  at: '2026-12-02T06:40:00Z',
  text: '已与客户确认范围，按重要处理',
}

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

describe('SyncConflictsView', () => {
  it('shows each conflict: what was tried on which request, when, why, the server state in words and who changed it', async () => {
    const s = useSyncStore()
    s.apply(status)
    s.conflictList = [stale]
    s.conflictsLoaded = true
    const html = await renderView(SyncConflictsView, pinia)
    const words = text(html)
    expect(html).toMatch(/<a[^>]*href="\/requests\/r1"[^>]*data-testid="conflict-request"/)
    expect(words).toContain('推进需求：分类定级')
    expect(words).toContain('需求 XR-2026-ZW-007')
    expect(words).toContain('操作时间 2026-12-02 14:40')
    expect(words).toContain('需求已从“已登记”变为“已分配”，您的操作“分类定级”没有执行')
    expect(words).toContain('王芳 于 2026-12-03 10:15 修改')
    expect(words).toMatch(/状态 已分配 与你的修改有关/)
    expect(words).toMatch(/负责人 李娜 与你的修改有关/)
    expect(words).toContain('紧急程度 重要')
    // Readable, not raw JSON; no ids or versions.
    expect(words).not.toMatch(/[{}]|"status"|c9/)
    expect(words).toContain('已与客户确认范围，按重要处理')
    for (const id of ['conflict-retry', 'conflict-copy', 'conflict-discard']) expect(html).toContain(`data-testid="${id}"`)
    expect(words).toContain('在当前状态上重新执行')
    expect(words).toContain('复制我的文字')
    expect(words).toContain('丢弃')
    expect(html).not.toContain('data-testid="conflicts-empty"')
  })

  it('says who changed the server state when it does not know when, and nothing when it knows neither', async () => {
    const s = useSyncStore()
    s.apply(status)
    s.conflictList = [
      { ...stale, changedAt: '0001-01-01T00:00:00Z' },
      { ...stale, id: 'c2', changedBy: '', changedAt: '0001-01-01T00:00:00Z' },
    ]
    s.conflictsLoaded = true
    const html = await renderView(SyncConflictsView, pinia)
    expect(text(html)).toContain('王芳 修改')
    expect(text(html)).not.toMatch(/于\s+修改/)
    expect(html.match(/data-testid="conflict-changed"/g)).toHaveLength(1)
  })

  it('says so when there are none', async () => {
    const s = useSyncStore()
    s.apply({ ...status, conflicts: 0 })
    s.conflictsLoaded = true
    const html = await renderView(SyncConflictsView, pinia)
    expect(html).toContain('data-testid="conflicts-empty"')
    expect(text(html)).toContain('没有同步冲突')
    expect(html).not.toContain('data-testid="conflict"')
  })

  it('cannot copy a conflict with no typed text', async () => {
    const s = useSyncStore()
    s.apply(status)
    s.conflictList = [{ ...stale, text: '' }]
    s.conflictsLoaded = true
    const html = await renderView(SyncConflictsView, pinia)
    expect(html).toMatch(/<button[^>]*disabled[^>]*data-testid="conflict-copy"|<button[^>]*data-testid="conflict-copy"[^>]*disabled/)
    expect(html).not.toContain('data-testid="conflict-text"')
  })

  it('reads in English in the English UI', async () => {
    const s = useSyncStore()
    s.apply(status)
    s.conflictList = [stale]
    s.conflictsLoaded = true
    const words = text(await renderView(SyncConflictsView, pinia, {}, 'en'))
    expect(words).toContain('Advance the request: ')
    expect(words).toContain('The request moved from')
    expect(words).toContain('Apply again on the current state')
  })
})
