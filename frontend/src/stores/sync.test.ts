import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Conflict, SyncStatus } from '../api/types'
import { usePeopleStore } from './people'
import { useSettingsStore } from './settings'
import { asStatus, busyPollMs, livePollMs, pollMs, statusEvent, useSyncStore } from './sync'

function status(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    joined: true,
    server: 'https://office:8443',
    account: '张伟',
    deviceCode: 'ZW',
    online: true,
    syncing: false,
    pending: 0,
    conflicts: 0,
    lastSync: '2026-12-03T08:00:00Z',
    lastError: null,
    fingerprint: '',
    isServer: false,
    ...over,
  }
}

function conflict(id: string): Conflict {
  return {
    id,
    commandName: 'request.move',
    summary: '',
    args: { id: 'r1', move: { action: 'triage' } },
    reason: { code: 'conflict', message: '', key: 'sync_request_closed', params: { status: '已归档' } },
    requestId: 'r1',
    requestNumber: 'XR-2026-001',
    serverState: { status: 'archived' },
    changedBy: '李娜',
    changedAt: '2026-12-03T07:00:00Z',
    at: '2026-12-02T07:00:00Z',
    text: '',
  }
}

/** serve answers serve-mode calls /api/SyncApp/{Method} from handlers, recording each call's method and arguments. */
function serve(handlers: Record<string, (args: unknown[]) => unknown>) {
  const calls: { method: string; args: unknown[] }[] = []
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    // SyncApp's methods by their name alone, other structs' as Struct.Method.
    const method = url.replace('/api/SyncApp/', '').replace(/^\/api\/(\w+)\//, '$1.')
    const args = JSON.parse(String(init.body)) as unknown[]
    calls.push({ method, args })
    const h = handlers[method]
    if (!h) return new Response('{"code":"not_found","message":"no such method"}', { status: 404 })
    try {
      return new Response(JSON.stringify(h(args)), { status: 200 })
    } catch (e) {
      return new Response(JSON.stringify(e), { status: 409 })
    }
  })
  vi.stubGlobal('fetch', fetchMock)
  return calls
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.stubGlobal('window', {})
})

afterEach(() => {
  useSyncStore().stop()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('asStatus', () => {
  it('takes a status and fills what an older backend leaves out; refuses anything else', () => {
    expect(asStatus({ joined: false })).toMatchObject({ joined: false, pending: 0, conflicts: 0, lastSync: null, lastError: null })
    expect(asStatus(status({ pending: 2 }))?.pending).toBe(2)
    expect(asStatus(null)).toBeNull()
    expect(asStatus({ pending: 3 })).toBeNull()
    expect(asStatus('{"joined":true}')).toBeNull()
  })
})

describe('sync store', () => {
  it('reads the status, and the unsynced requests only when changes wait', async () => {
    let st = status({ pending: 2 })
    const calls = serve({ Status: () => st, Unsynced: () => ['r1', 'r2'] })
    const s = useSyncStore()
    await s.refresh()
    await vi.waitFor(() => expect(s.unsyncedIds).toEqual(['r1', 'r2']))
    expect(s.joined).toBe(true)
    expect(s.isUnsynced('r1')).toBe(true)
    expect(s.isUnsynced('r3')).toBe(false)

    st = status({ pending: 0 })
    await s.refresh()
    expect(s.unsyncedIds).toEqual([])
    expect(calls.filter((c) => c.method === 'Unsynced')).toHaveLength(1)
  })

  it('marks nothing unsynced when not in a team', async () => {
    serve({ Status: () => status({ joined: false, pending: 0 }), Unsynced: () => ['r1'] })
    const s = useSyncStore()
    s.unsyncedIds = ['r1']
    await s.refresh()
    expect(s.isUnsynced('r1')).toBe(false)
  })

  it('keeps the status it had when asking fails, and says why', async () => {
    let fail = false
    serve({
      Status: () => {
        if (fail) throw { code: 'internal', message: '内部错误' }
        return status()
      },
    })
    const s = useSyncStore()
    await s.refresh()
    fail = true
    await s.refresh()
    expect(s.joined).toBe(true)
    expect(s.loadError?.code).toBe('internal')
  })

  it('turns the last round error into an AppError with its key', async () => {
    serve({ Status: () => status({ online: false, lastError: { code: 'internal', message: '连不上', key: 'sync_unreachable', params: { reason: 'connection refused' } } }) })
    const s = useSyncStore()
    await s.refresh()
    expect(s.lastError?.key).toBe('sync_unreachable')
    expect(s.lastError?.params).toEqual({ reason: 'connection refused' })
  })

  it('in serve mode (no events) asks every 3 seconds on a laptop in a team, every 2 while a round runs, every 30 otherwise', async () => {
    vi.useFakeTimers()
    let st = status({ joined: false })
    const calls = serve({ Status: () => st })
    const s = useSyncStore()
    s.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toHaveLength(1)
    // Not in a team: nothing changes on its own; every 30 seconds.
    await vi.advanceTimersByTimeAsync(livePollMs * 2)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(pollMs - livePollMs * 2)
    expect(calls).toHaveLength(2)

    // Joined (the status says so): the top bar follows the laptop's own rounds.
    st = status()
    s.apply(st)
    await vi.advanceTimersByTimeAsync(livePollMs)
    expect(calls).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(livePollMs)
    expect(calls).toHaveLength(4)

    st = status({ syncing: true })
    await vi.advanceTimersByTimeAsync(livePollMs)
    expect(calls).toHaveLength(5)
    await vi.advanceTimersByTimeAsync(busyPollMs)
    expect(calls).toHaveLength(6)
    st = status({ pending: 0 })
    await vi.advanceTimersByTimeAsync(busyPollMs)
    expect(s.syncing).toBe(false)
    const n = calls.length
    s.stop()
    await vi.advanceTimersByTimeAsync(pollMs * 2)
    expect(calls).toHaveLength(n)
  })

  it('in serve mode asks nothing while the page is hidden, and asks at once when it shows again', async () => {
    vi.useFakeTimers()
    const listeners: Record<string, () => void> = {}
    const doc = {
      visibilityState: 'visible',
      addEventListener: (name: string, fn: () => void) => (listeners[name] = fn),
      removeEventListener: vi.fn(),
    }
    vi.stubGlobal('document', doc)
    const calls = serve({ Status: () => status() })
    const s = useSyncStore()
    s.start()
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(livePollMs)
    expect(calls).toHaveLength(2)
    doc.visibilityState = 'hidden'
    await vi.advanceTimersByTimeAsync(pollMs * 2)
    expect(calls).toHaveLength(2)
    doc.visibilityState = 'visible'
    listeners.visibilitychange!()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(livePollMs)
    expect(calls).toHaveLength(4)
  })

  it('follows sync:status events in the desktop window', async () => {
    let listener: ((data: unknown) => void) | null = null
    const off = vi.fn()
    const Status = vi.fn(async () => status())
    vi.stubGlobal('window', {
      go: { app: { SyncApp: { Status, Unsynced: vi.fn(async () => ['r9']) } } },
      runtime: {
        EventsOnMultiple: vi.fn((name: string, cb: (data: unknown) => void) => {
          expect(name).toBe(statusEvent)
          listener = cb
          return off
        }),
      },
    })
    const s = useSyncStore()
    s.start()
    await vi.waitFor(() => expect(s.status).not.toBeNull())
    expect(Status).toHaveBeenCalledTimes(1)
    expect(listener).not.toBeNull()
    listener!(status({ pending: 4, conflicts: 1 }))
    expect(s.status?.pending).toBe(4)
    expect(s.status?.conflicts).toBe(1)
    await vi.waitFor(() => expect(s.unsyncedIds).toEqual(['r9']))
    // Junk on the event changes nothing.
    listener!({ nonsense: true })
    expect(s.status?.pending).toBe(4)
    s.stop()
    expect(off).toHaveBeenCalled()
  })

  it('join sends the input, takes the status it answers and reads the team\'s settings, lists and people afresh', async () => {
    const settings = { profileName: '张伟', deviceCode: 'ZW', numberPattern: 'XR-{YYYY}-{DEV}-{NNN}' }
    const calls = serve({
      Join: () => status({ lastSync: null }),
      'SettingsApp.Get': () => settings,
      'SettingsApp.Vocabularies': () => ({}),
      'SystemApp.Process': () => ({}),
      'SettingsApp.People': () => [{ id: 'p1', name: '张伟' }],
    })
    const s = useSyncStore()
    const input = { server: 'https://office:8443', user: '张伟', password: 'pw', deviceCode: 'ZW', deviceName: '张伟的笔记本', fingerprint: 'AB:CD' }
    await s.join(input)
    expect(calls[0]).toEqual({ method: 'Join', args: [input] })
    expect(calls.map((c) => c.method).sort()).toEqual(
      ['Join', 'SettingsApp.Get', 'SettingsApp.People', 'SettingsApp.Vocabularies', 'SystemApp.Process'].sort(),
    )
    expect(s.joined).toBe(true)
    expect(useSettingsStore().settings?.profileName).toBe('张伟')
    expect(usePeopleStore().people.map((p) => p.name)).toEqual(['张伟'])
  })

  it('syncNow spins while the round runs and takes the status after it', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const fetchMock = vi.fn(async (url: string) => {
      expect(url).toBe('/api/SyncApp/SyncNow')
      await gate
      return new Response(JSON.stringify(status({ pending: 0, lastSync: '2026-12-04T01:00:00Z' })), { status: 200 })
    })
    vi.stubGlobal('fetch', fetchMock)
    const s = useSyncStore()
    s.apply(status({ pending: 3 }))
    const p = s.syncNow()
    expect(s.syncing).toBe(true)
    release()
    await p
    expect(s.syncing).toBe(false)
    expect(s.status?.lastSync).toBe('2026-12-04T01:00:00Z')
  })

  it('syncNow throws a call that failed and asks for the status again', async () => {
    const calls = serve({
      SyncNow: () => {
        throw { code: 'device_revoked', message: '已吊销', key: 'sync_device_revoked' }
      },
      Status: () => status({ lastError: { code: 'device_revoked', message: '已吊销', key: 'sync_device_revoked' } }),
    })
    const s = useSyncStore()
    await expect(s.syncNow()).rejects.toMatchObject({ key: 'sync_device_revoked' })
    await vi.waitFor(() => expect(calls.map((c) => c.method)).toContain('Status'))
    expect(s.running).toBe(false)
  })

  it('leave takes the status it answers and reads the laptop\'s own settings again', async () => {
    const calls = serve({
      Leave: () => status({ joined: false }),
      'SettingsApp.Get': () => ({ profileName: 'root' }),
      'SettingsApp.Vocabularies': () => ({}),
      'SystemApp.Process': () => ({}),
      'SettingsApp.People': () => [],
    })
    const s = useSyncStore()
    s.apply(status({ pending: 1 }))
    await s.leave()
    expect(calls.map((c) => c.method)).toContain('Leave')
    expect(s.joined).toBe(false)
    expect(useSettingsStore().settings?.profileName).toBe('root')
  })

  it('resolve sends the action, reads the inbox again and says whether the conflict is gone', async () => {
    let inbox = [conflict('c1'), conflict('c2')]
    const calls = serve({
      Conflicts: () => inbox,
      ResolveConflict: ([id, action]) => {
        if (action === 'discard') inbox = inbox.filter((c) => c.id !== id)
        return status({ conflicts: inbox.length })
      },
    })
    const s = useSyncStore()
    await s.loadConflicts()
    expect(s.conflictList.map((c) => c.id)).toEqual(['c1', 'c2'])

    expect(await s.resolve('c1', 'discard')).toBe(true)
    expect(s.conflictList.map((c) => c.id)).toEqual(['c2'])
    expect(s.status?.conflicts).toBe(1)
    // A retry refused again stays in the inbox.
    expect(await s.resolve('c2', 'retry')).toBe(false)
    expect(calls.filter((c) => c.method === 'ResolveConflict').map((c) => c.args)).toEqual([
      ['c1', 'discard'],
      ['c2', 'retry'],
    ])
  })
})

describe('an inbox on screen', () => {
  it('is read again when the conflict count changes', async () => {
    let inbox = [conflict('c1')]
    const calls = serve({ Conflicts: () => inbox })
    const s = useSyncStore()
    s.apply(status({ conflicts: 1 }))
    // Not read before anyone opened it.
    expect(calls).toHaveLength(0)
    await s.loadConflicts()
    inbox = [conflict('c1'), conflict('c2')]
    s.apply(status({ conflicts: 1 }))
    expect(calls).toHaveLength(1)
    s.apply(status({ conflicts: 2 }))
    await vi.waitFor(() => expect(s.conflictList.map((c) => c.id)).toEqual(['c1', 'c2']))
    expect(calls).toHaveLength(2)
  })
})
