import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { invoke, onUnauthorized } from '../api/transport'
import { useSessionStore } from './session'

function response(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'application/json' } })
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.stubGlobal('window', {})
})

afterEach(() => {
  vi.unstubAllGlobals()
  onUnauthorized(null)
})

describe('session', () => {
  it('needs no login on loopback', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response(200, '{"accounts":false,"user":null}')))
    const s = useSessionStore()
    expect(s.needsLogin).toBe(false)
    await s.load()
    expect(s.loaded).toBe(true)
    expect(s.needsLogin).toBe(false)
  })

  it('asks for a login on a network, and again when a call finds the session ended', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(response(200, '{"accounts":true,"user":null}'))
      .mockResolvedValueOnce(response(200, '{"accounts":true,"user":{"id":"u1","name":"李娜","roles":["agent"]}}'))
      .mockResolvedValueOnce(response(401, '{"code":"unauthorized","message":"登录已过期，请重新登录"}'))
    vi.stubGlobal('fetch', fetchMock)
    const s = useSessionStore()
    await s.load()
    expect(s.needsLogin).toBe(true)

    await s.login('李娜', 'agent-password')
    expect(s.needsLogin).toBe(false)
    expect(s.user?.name).toBe('李娜')

    await expect(invoke('SystemApp', 'Info', [], vi.fn())).rejects.toMatchObject({ code: 'unauthorized' })
    expect(s.needsLogin).toBe(true)
    expect(s.expired).toBe('登录已过期，请重新登录')
  })

  it('keeps the user when a login fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(response(401, '{"code":"unauthorized","message":"密码错误或账号不存在","fields":[{"field":"password","key":"bad_credentials"}]}')),
    )
    const s = useSessionStore()
    await expect(s.login('李娜', 'wrong')).rejects.toMatchObject({ code: 'unauthorized' })
    expect(s.user).toBeNull()
  })
})
