import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { UpdateStatus } from '../api/types'

const api = vi.hoisted(() => ({
  updateStatus: vi.fn(),
  checkUpdate: vi.fn(),
  downloadUpdate: vi.fn(),
  setUpdateAddress: vi.fn(),
  restartToUpdate: vi.fn(),
}))
vi.mock('../api/update', () => api)

import { AppError } from '../api/errors'
import { asStatus, useUpdateStore } from './update'

const base: UpdateStatus = {
  current: '1.0.0',
  blocked: null,
  installBlocked: null,
  source: 'http://10.0.0.2:8443/releases/',
  fromTeam: false,
  address: 'http://10.0.0.2:8443/releases/',
  checking: false,
  downloading: false,
  checkedAt: null,
  available: null,
  staged: null,
  error: null,
  applied: null,
  startError: null,
  canRestart: false,
}
const v110 = { version: '1.1.0', notes: '- 新', date: '2026-12-03T08:00:00Z', size: 10 }

beforeEach(() => {
  setActivePinia(createPinia())
  for (const f of Object.values(api)) f.mockReset()
})

describe('asStatus', () => {
  it('takes a status and fills what is missing', () => {
    expect(asStatus({ current: '1.0.0' })).toMatchObject({ current: '1.0.0', available: null, staged: null, error: null })
    expect(asStatus({ ...base, available: v110 })?.available).toEqual(v110)
    expect(asStatus({ ...base, available: { version: '' } })?.available).toBeNull()
    expect(asStatus(null)).toBeNull()
    expect(asStatus({ joined: true })).toBeNull()
  })
})

describe('useUpdateStore', () => {
  it('check finds 新版本, download stages it', async () => {
    const s = useUpdateStore()
    api.checkUpdate.mockResolvedValue({ ...base, available: v110, checkedAt: '2026-12-04T01:00:00Z' })
    await s.check()
    expect(s.offered?.version).toBe('1.1.0')
    expect(s.staged).toBeNull()
    api.downloadUpdate.mockResolvedValue({ ...base, available: v110, staged: v110 })
    await s.download()
    expect(s.offered).toBeNull()
    expect(s.staged?.version).toBe('1.1.0')
    expect(s.busy).toBe('')
  })

  it('a refused download is thrown as an AppError and the status read again', async () => {
    const s = useUpdateStore()
    s.apply({ ...base, available: v110 })
    const refusal = { code: 'conflict', message: '更新被拒绝', key: 'update_tampered', params: { file: 'f', current: '1.0.0' } }
    api.downloadUpdate.mockRejectedValue(new AppError('conflict', '更新被拒绝', [], { key: 'update_tampered', params: {} }))
    api.updateStatus.mockResolvedValue({ ...base, available: v110, error: refusal })
    await expect(s.download()).rejects.toMatchObject({ key: 'update_tampered' })
    await vi.waitFor(() => expect(s.error?.key).toBe('update_tampered'))
    expect(s.staged).toBeNull()
    expect(s.busy).toBe('')
  })

  it('a version newer than the one downloaded is offered too', () => {
    const s = useUpdateStore()
    s.apply({ ...base, available: { ...v110, version: '1.2.0' }, staged: v110 })
    expect(s.offered?.version).toBe('1.2.0')
    expect(s.staged?.version).toBe('1.1.0')
  })

  it('a development build offers nothing', () => {
    const s = useUpdateStore()
    s.apply({ ...base, available: v110, blocked: { code: 'invalid', message: '', key: 'update_no_key', params: {} } })
    expect(s.offered).toBeNull()
    expect(s.blocked?.key).toBe('update_no_key')
  })

  it('start reads the status; a failure is kept, not thrown', async () => {
    const s = useUpdateStore()
    api.updateStatus.mockRejectedValue(new AppError('unavailable', ''))
    s.start()
    await vi.waitFor(() => expect(s.loadError).not.toBeNull())
    s.stop()
    expect(s.status).toBeNull()
  })
})
