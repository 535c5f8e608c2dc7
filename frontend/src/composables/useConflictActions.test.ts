import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { Conflict, SyncStatus } from '../api/types'

vi.mock('vue-i18n', async (orig) => (await import('../test/i18nMock')).i18nMock(orig))
vi.mock('../api/sync', () => ({ resolveConflict: vi.fn(), listConflicts: vi.fn(), unsyncedRequests: vi.fn(async () => []) }))

const api = await import('../api/sync')
const { useConflictActions } = await import('./useConflictActions')
const { useSyncStore } = await import('../stores/sync')

const resolveConflict = vi.mocked(api.resolveConflict)
const listConflicts = vi.mocked(api.listConflicts)

function status(conflicts: number): SyncStatus {
  return {
    joined: true,
    server: 'https://office',
    account: 'a',
    deviceCode: 'ZW',
    online: true,
    syncing: false,
    pending: 0,
    conflicts,
    lastSync: null,
    lastError: null,
    fingerprint: '',
    isServer: false,
  }
}

const c1: Conflict = {
  id: 'c1',
  commandName: 'record.save',
  summary: '',
  args: { input: { requestId: 'r1', kind: 'communication', body: { summary: '客户同意下周上线' } } },
  reason: { code: 'conflict', message: '', key: 'sync_request_closed', params: { status: { kind: 'enums.status', code: 'archived', name: '已归档' } } },
  requestId: 'r1',
  requestNumber: 'XR-2026-007',
  serverState: { status: 'archived' },
  changedBy: '李娜',
  changedAt: '2026-12-03T07:00:00Z',
  at: '2026-12-02T07:00:00Z',
  text: '客户同意下周上线',
}

function setup() {
  const message = { success: vi.fn(), warning: vi.fn(), error: vi.fn() }
  const dialog = { warning: vi.fn() }
  const scope = effectScope()
  const actions = scope.run(() => useConflictActions(message, dialog))!
  return { message, dialog, actions, scope }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.stubGlobal('window', {})
  resolveConflict.mockReset()
  listConflicts.mockReset()
})
afterEach(() => vi.unstubAllGlobals())

describe('useConflictActions', () => {
  it('retry applies the command again and says so when the server took it', async () => {
    resolveConflict.mockResolvedValue(status(0))
    listConflicts.mockResolvedValue([])
    const { actions, message } = setup()
    await actions.retry(c1)
    expect(resolveConflict).toHaveBeenCalledWith('c1', 'retry')
    expect(message.success).toHaveBeenCalledWith('已重新提交，将在服务器的当前状态上执行；若仍被拒绝，会再出现在这里')
    expect(useSyncStore().status?.conflicts).toBe(0)
    expect(actions.busy.value).toBe('')
  })

  it('retry refused again says the new reason; the conflict stays', async () => {
    resolveConflict.mockResolvedValue(status(1))
    listConflicts.mockResolvedValue([c1])
    const { actions, message } = setup()
    await actions.retry(c1)
    expect(message.warning).toHaveBeenCalledWith(expect.stringMatching(/^仍然冲突：需求现为“已归档”，不能再修改或推进$/))
    expect(useSyncStore().conflictList).toEqual([c1])
  })

  it('a failed call is said with its reason', async () => {
    resolveConflict.mockRejectedValue({ code: 'forbidden', message: '没有权限', key: 'sync_device_revoked' })
    const { actions, message } = setup()
    await actions.retry(c1)
    expect(message.error).toHaveBeenCalledWith(expect.stringMatching(/^操作失败：本机已被移出团队/))
  })

  it('copy puts the typed text on the clipboard', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const { actions, message } = setup()
    await actions.copy(c1)
    expect(writeText).toHaveBeenCalledWith('客户同意下周上线')
    expect(message.success).toHaveBeenCalledWith('已复制到剪贴板')
    expect(resolveConflict).not.toHaveBeenCalled()
  })

  it('copy says so when the clipboard cannot be reached', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } })
    const { actions, message } = setup()
    await actions.copy(c1)
    expect(message.error).toHaveBeenCalledWith('无法访问剪贴板，请选中上面的文字手动复制')
  })

  it('copy goes through the Wails runtime in the desktop window', async () => {
    const ClipboardSetText = vi.fn(async () => true)
    vi.stubGlobal('window', { go: { app: {} }, runtime: { ClipboardSetText } })
    const { actions, message } = setup()
    await actions.copy(c1)
    expect(ClipboardSetText).toHaveBeenCalledWith('客户同意下周上线')
    expect(message.success).toHaveBeenCalled()
  })

  it('discard asks first and discards only when confirmed', async () => {
    resolveConflict.mockResolvedValue(status(0))
    listConflicts.mockResolvedValue([])
    const { actions, dialog, message } = setup()
    actions.discard(c1)
    expect(resolveConflict).not.toHaveBeenCalled()
    const opts = dialog.warning.mock.calls[0]![0] as { content: string; onPositiveClick: () => Promise<unknown> }
    expect(opts.content).toBe('“保存阶段记录：沟通记录”将被丢弃，不会再同步到服务器，这无法撤销。')
    await opts.onPositiveClick()
    expect(resolveConflict).toHaveBeenCalledWith('c1', 'discard')
    expect(message.success).toHaveBeenCalledWith('已丢弃')
  })

  it('a discard that failed keeps the dialog open', async () => {
    resolveConflict.mockRejectedValue({ code: 'internal', message: '内部错误' })
    const { actions, dialog, message } = setup()
    actions.discard(c1)
    const opts = dialog.warning.mock.calls[0]![0] as { onPositiveClick: () => Promise<unknown> }
    expect(await opts.onPositiveClick()).toBe(false)
    expect(message.error).toHaveBeenCalled()
  })
})
