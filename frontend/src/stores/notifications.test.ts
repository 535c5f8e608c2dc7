import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useNotificationsStore } from './notifications'

function response(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const mention = { key: 'mention/n1', kind: 'mention', requestId: 'r1', number: 'XR-1', title: '对接', detail: '@李娜 看', from: '王芳', at: '2026-11-20T01:00:00Z', read: false }

beforeEach(() => {
  setActivePinia(createPinia())
  vi.stubGlobal('window', {})
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('notifications', () => {
  it('loads mine and marks one read through MarkNotifications with Go’s zero time for no snooze', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(response(200, { person: '李娜', items: [mention], unread: 1, snoozed: 0 }))
      .mockResolvedValueOnce(response(200, { person: '李娜', items: [{ ...mention, read: true }], unread: 0, snoozed: 0 }))
    vi.stubGlobal('fetch', fetchMock)
    const s = useNotificationsStore()
    await s.load()
    expect(s.list.person).toBe('李娜')
    expect(s.list.unread).toBe(1)
    await s.mark(['mention/n1'], 'read')
    const [url, init] = fetchMock.mock.calls[1] as [string, RequestInit]
    expect(url).toMatch(/\/api\/TimeLimitsApp\/MarkNotifications$/)
    expect(JSON.parse(init.body as string)).toEqual([{ keys: ['mention/n1'], action: 'read', until: '0001-01-01T00:00:00Z' }])
    expect(s.list.unread).toBe(0)
    expect(s.list.items[0]!.read).toBe(true)
  })

  it('keeps the list and holds the error when a mark is refused', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(response(200, { person: '李娜', items: [mention], unread: 1, snoozed: 0 }))
      .mockResolvedValueOnce(
        response(400, { code: 'invalid', message: '输入有误', key: 'check_fields', fields: [{ field: 'until', key: 'snooze_range' }] }),
      )
    vi.stubGlobal('fetch', fetchMock)
    const s = useNotificationsStore()
    await s.load()
    await s.mark(['mention/n1'], 'snooze', '2000-01-01T00:00:00Z')
    expect(s.list.unread).toBe(1)
    expect(s.error?.fields?.[0]?.field).toBe('until')
  })

  it('asks nothing for no keys', async () => {
    const fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    await useNotificationsStore().mark([], 'read')
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
