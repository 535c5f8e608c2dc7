import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAlertsStore } from './alerts'

function response(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'application/json' } })
}

function alert(requestId: string, state: string) {
  return { requestId, number: requestId, kind: 'classify', state, due: '2026-11-20T01:00:00Z', remaining: 0 }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.stubGlobal('window', {})
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('alerts', () => {
  it('keeps the counts of all alerts and tells when only the most pressing are listed', async () => {
    const items = [alert('r1', 'breached'), alert('r2', 'breached')]
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response(200, JSON.stringify({ items, breached: 16012, dueSoon: 360 }))))
    const s = useAlertsStore()
    await s.load()
    expect(s.items.map((a) => a.requestId)).toEqual(['r1', 'r2'])
    expect(s.breached).toBe(16012)
    expect(s.dueSoon).toBe(360)
    expect(s.total).toBe(16372)
    expect(s.capped).toBe(true)
    expect(s.error).toBeNull()
    expect(s.checkedAt).not.toBeNull()
  })

  it('is not capped when every alert is listed', async () => {
    const items = [alert('r1', 'breached'), alert('r1', 'due_soon')]
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response(200, JSON.stringify({ items, breached: 1, dueSoon: 1 }))))
    const s = useAlertsStore()
    await s.load()
    expect(s.total).toBe(2)
    expect(s.capped).toBe(false)
  })

  it('keeps the last list and counts when a load fails', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(response(200, JSON.stringify({ items: [alert('r1', 'breached')], breached: 5, dueSoon: 0 })))
      .mockResolvedValueOnce(response(500, '{"code":"internal","message":"内部错误"}'))
    vi.stubGlobal('fetch', fetchMock)
    const s = useAlertsStore()
    await s.load()
    await s.load()
    expect(s.error?.code).toBe('internal')
    expect(s.items).toHaveLength(1)
    expect(s.breached).toBe(5)
  })
})
