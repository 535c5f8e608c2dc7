import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from './errors'
import { login } from './auth'
import { callHTTP, invoke, onUnauthorized, usesWails } from './transport'

afterEach(() => {
  vi.unstubAllGlobals()
})

function response(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'application/json' } })
}

describe('usesWails', () => {
  it('is true only when the Wails bindings are injected', () => {
    expect(usesWails(undefined)).toBe(false)
    expect(usesWails({})).toBe(false)
    expect(usesWails({ go: {} })).toBe(false)
    expect(usesWails({ go: { app: {} } })).toBe(true)
  })
})

describe('invoke', () => {
  it('calls the Wails binding when the runtime is present', async () => {
    vi.stubGlobal('window', { go: { app: {} } })
    const fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    const wails = vi.fn().mockResolvedValue({ number: 'XR-2026-001' })
    const out = await invoke('RequestsApp', 'Create', [{}], wails)
    expect(out).toEqual({ number: 'XR-2026-001' })
    expect(wails).toHaveBeenCalledOnce()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('turns a Wails rejection into an AppError', async () => {
    vi.stubGlobal('window', { go: { app: {} } })
    const wails = () => Promise.reject('{"code":"conflict","message":"已被修改"}')
    await expect(invoke('RequestsApp', 'Update', [], wails)).rejects.toMatchObject({ code: 'conflict', message: '已被修改' })
  })

  it('posts the arguments over HTTP without the runtime', async () => {
    vi.stubGlobal('window', {})
    const fetchMock = vi.fn().mockResolvedValue(response(200, '{"items":[],"total":0}'))
    vi.stubGlobal('fetch', fetchMock)
    const wails = vi.fn()
    const out = await invoke('RequestsApp', 'Update', ['id-1', 3, { title: '咨询系统对接方案' }], wails)
    expect(out).toEqual({ items: [], total: 0 })
    expect(wails).not.toHaveBeenCalled()
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/RequestsApp/Update')
    expect(init.method).toBe('POST')
    expect(init.credentials).toBe('same-origin')
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect((init.headers as Record<string, string>)['X-ReqDesk-Call']).toBe('1')
    expect(JSON.parse(init.body as string)).toEqual(['id-1', 3, { title: '咨询系统对接方案' }])
  })

  it('sends the session key the one-time link handed over', async () => {
    vi.stubGlobal('window', {})
    vi.stubGlobal('localStorage', { getItem: (k: string) => (k === 'reqdesk.sessionKey' ? 'key-1' : null), setItem: vi.fn() })
    const fetchMock = vi.fn().mockResolvedValue(response(200, '{}'))
    vi.stubGlobal('fetch', fetchMock)
    await invoke('SystemApp', 'Info', [], vi.fn())
    const [, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect((init.headers as Record<string, string>)['X-ReqDesk-Key']).toBe('key-1')
  })

  it('returns null for a void method', async () => {
    vi.stubGlobal('window', {})
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response(200, 'null\n')))
    expect(await invoke('RequestsApp', 'SaveDraft', [''], vi.fn())).toBeNull()
  })

  it('rejects with the error body of a failed response', async () => {
    vi.stubGlobal('window', {})
    const body = '{"code":"invalid","message":"输入有误","fields":[{"field":"title","key":"required"}]}'
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response(422, body)))
    const err = await invoke('RequestsApp', 'Create', [{}], vi.fn()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'invalid', fields: [{ field: 'title', key: 'required' }] })
  })

  it('reports a network failure as unavailable', async () => {
    vi.stubGlobal('window', {})
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    await expect(invoke('SystemApp', 'Info', [], vi.fn())).rejects.toMatchObject({ code: 'unavailable' })
  })
})

describe('callHTTP', () => {
  it('rejects a success response that is not JSON', async () => {
    const fetchFn = vi.fn().mockResolvedValue(response(200, '<html>'))
    await expect(callHTTP('SystemApp', 'Info', [], fetchFn)).rejects.toMatchObject({ code: 'internal' })
  })
})

describe('onUnauthorized', () => {
  afterEach(() => onUnauthorized(null))

  it('is told when a call answers 401, and the call still rejects', async () => {
    vi.stubGlobal('window', {})
    const body = '{"code":"unauthorized","message":"登录已过期，请重新登录"}'
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response(401, body)))
    const seen = vi.fn()
    onUnauthorized(seen)
    await expect(invoke('SystemApp', 'Info', [], vi.fn())).rejects.toMatchObject({ code: 'unauthorized' })
    expect(seen).toHaveBeenCalledOnce()
    expect(seen.mock.calls[0]?.[0]).toMatchObject({ message: '登录已过期，请重新登录' })
  })

  it('is not told of other failures', async () => {
    vi.stubGlobal('window', {})
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response(403, '{"code":"forbidden","message":"无权执行此操作"}')))
    const seen = vi.fn()
    onUnauthorized(seen)
    await expect(invoke('SettingsApp', 'Save', [{}], vi.fn())).rejects.toMatchObject({ code: 'forbidden' })
    expect(seen).not.toHaveBeenCalled()
  })
})

describe('login', () => {
  it('posts the credentials to /auth/login and maps a lockout', async () => {
    const body = '{"code":"rate_limited","message":"尝试次数过多，请 2 分钟后再试","fields":[{"field":"password","key":"locked","params":{"minutes":2}}]}'
    const fetchFn = vi.fn().mockResolvedValue(response(429, body))
    const err = await login('李娜', 'secret-pass', fetchFn).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'rate_limited', fields: [{ key: 'locked', params: { minutes: 2 } }] })
    const [url, init] = fetchFn.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/auth/login')
    expect((init.headers as Record<string, string>)['X-ReqDesk-Call']).toBe('1')
    expect(JSON.parse(init.body as string)).toEqual({ name: '李娜', password: 'secret-pass' })
  })

  it('returns the logged-in user', async () => {
    const fetchFn = vi.fn().mockResolvedValue(response(200, '{"accounts":true,"user":{"id":"u1","name":"李娜","roles":["agent"]}}'))
    expect(await login('李娜', 'secret-pass', fetchFn)).toEqual({
      accounts: true,
      user: { id: 'u1', name: '李娜', roles: ['agent'] },
    })
  })
})
