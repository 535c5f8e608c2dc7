import { afterEach, describe, expect, it, vi } from 'vitest'
import { exportSchedule, importSchedule, listAlerts, listPolicies, listSchedules } from './timelimits'

afterEach(() => {
  vi.unstubAllGlobals()
})

function serve(body: string, status = 200) {
  vi.stubGlobal('window', {})
  const fetchMock = vi.fn().mockResolvedValue(new Response(body, { status, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function call(fetchMock: ReturnType<typeof vi.fn>) {
  const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
  return { url, args: JSON.parse(init.body as string) as unknown[] }
}

describe('time limits api', () => {
  it('reads an empty list answered as null as []', async () => {
    serve('{"items":null,"breached":0,"dueSoon":0}')
    expect(await listAlerts()).toEqual({ items: [], breached: 0, dueSoon: 0 })
    serve('null')
    expect(await listPolicies()).toEqual([])
    serve('null')
    expect(await listSchedules()).toEqual([])
  })

  it('asks TimeLimitsApp.Alerts and keeps the counts of all, not only of those listed', async () => {
    const f = serve(
      '{"items":[{"requestId":"r1","kind":"classify","state":"breached","remaining":0}],"breached":16012,"dueSoon":360}',
    )
    const out = await listAlerts()
    expect(out.items).toHaveLength(1)
    expect(out.items[0]?.state).toBe('breached')
    expect(out.breached).toBe(16012)
    expect(out.dueSoon).toBe(360)
    expect(call(f)).toEqual({ url: '/api/TimeLimitsApp/Alerts', args: [] })
  })

  it('sends a schedule file as its text and a year to export', async () => {
    let f = serve('{"year":2027,"sources":[{"title":"T"}],"holidays":[]}')
    await importSchedule('{"year":2027}')
    expect(call(f)).toEqual({ url: '/api/TimeLimitsApp/ImportSchedule', args: ['{"year":2027}'] })
    f = serve('"{\\n  \\"year\\": 2026\\n}\\n"')
    expect(await exportSchedule(2026)).toBe('{\n  "year": 2026\n}\n')
    expect(call(f)).toEqual({ url: '/api/TimeLimitsApp/ExportSchedule', args: [2026] })
  })

  it('rejects a bad schedule with its field errors', async () => {
    serve('{"code":"invalid","message":"输入有误","fields":[{"field":"sources","key":"required"}]}', 422)
    await expect(importSchedule('{}')).rejects.toMatchObject({ code: 'invalid', fields: [{ field: 'sources', key: 'required' }] })
  })
})
