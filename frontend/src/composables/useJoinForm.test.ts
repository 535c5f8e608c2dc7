import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import type { SyncStatus } from '../api/types'

vi.mock('vue-i18n', async (orig) => (await import('../test/i18nMock')).i18nMock(orig))
vi.mock('../api/sync', () => ({ probeServer: vi.fn(), joinTeam: vi.fn(), unsyncedRequests: vi.fn(async () => []) }))
// Joining reads the team's settings, lists and people afresh.
vi.mock('../api/settings', () => ({
  getSettings: vi.fn(async () => ({ profileName: '张伟' })),
  getVocabularies: vi.fn(async () => ({})),
  listPeople: vi.fn(async () => []),
}))
vi.mock('../api/system', () => ({ processRules: vi.fn(async () => ({})) }))

const api = await import('../api/sync')
const { useJoinForm } = await import('./useJoinForm')
const { useSyncStore } = await import('../stores/sync')
const probeServer = vi.mocked(api.probeServer)
const joinTeam = vi.mocked(api.joinTeam)

const joined: SyncStatus = {
  joined: true,
  server: 'https://192.168.1.10:8443',
  account: '张伟',
  deviceCode: 'ZW',
  online: true,
  syncing: false,
  pending: 0,
  conflicts: 0,
  lastSync: '2026-12-04T01:00:00Z',
  lastError: null,
  fingerprint: 'AB12CD34',
  isServer: false,
}

function setup(deviceCode = 'zw') {
  const scope = effectScope()
  return scope.run(() => useJoinForm(() => deviceCode))!
}

function fill(j: ReturnType<typeof setup>) {
  j.form.server = 'https://192.168.1.10:8443/'
  j.form.user = ' 张伟 '
  j.form.password = 'secret pw'
  j.form.deviceName = ' 张伟的笔记本 '
}

beforeEach(() => {
  setActivePinia(createPinia())
  probeServer.mockReset()
  joinTeam.mockReset()
})

describe('useJoinForm', () => {
  it('starts with the device code of the settings', () => {
    expect(setup('BJ').form.deviceCode).toBe('BJ')
  })

  it('names every missing field and sends nothing', async () => {
    const j = setup('')
    expect(await j.submit()).toBeNull()
    expect(j.fields.value).toEqual({
      server: '请填写服务器地址',
      user: '请填写账号',
      password: '请填写密码',
      deviceCode: '请填写设备代码',
      deviceName: '请填写设备名称，便于管理员在设备列表中认出这台电脑',
    })
    expect(joinTeam).not.toHaveBeenCalled()
    // Typing in a field takes its message away.
    j.clearField('user')
    expect(j.fields.value.user).toBeUndefined()
  })

  it('checks the address before asking the server', async () => {
    const j = setup()
    j.form.server = '192.168.1.10:8443'
    expect(await j.runProbe()).toBe(false)
    expect(j.fields.value.server).toBe('服务器地址应以 http:// 或 https:// 开头，如 https://192.168.1.10:8443')
    expect(probeServer).not.toHaveBeenCalled()
  })

  it('will not join before the server was checked', async () => {
    const j = setup()
    fill(j)
    expect(await j.submit()).toBeNull()
    expect(j.message.value).toBe('请先点击“检查服务器”')
    expect(joinTeam).not.toHaveBeenCalled()
  })

  it('over https: shows the fingerprint, wants it confirmed, and pins it at join', async () => {
    probeServer.mockResolvedValue({ fingerprint: 'AB12CD34', teamName: '华信服务部', tls: true })
    joinTeam.mockResolvedValue(joined)
    const j = setup()
    fill(j)
    expect(await j.runProbe()).toBe(true)
    expect(probeServer).toHaveBeenCalledWith('https://192.168.1.10:8443')
    expect(j.probe.value?.teamName).toBe('华信服务部')

    expect(await j.submit()).toBeNull()
    expect(j.message.value).toBe('请先核对证书指纹并勾选确认')
    expect(joinTeam).not.toHaveBeenCalled()

    j.confirmed.value = true
    expect(await j.submit()).toEqual(joined)
    expect(joinTeam).toHaveBeenCalledWith({
      server: 'https://192.168.1.10:8443',
      user: '张伟',
      password: 'secret pw',
      deviceCode: 'ZW',
      deviceName: '张伟的笔记本',
      fingerprint: 'AB12CD34',
    })
    expect(j.form.password).toBe('')
    expect(useSyncStore().joined).toBe(true)
  })

  it('over https without a fingerprint from the server: nothing to confirm or pin', async () => {
    probeServer.mockResolvedValue({ fingerprint: '', teamName: '华信服务部', tls: true })
    joinTeam.mockResolvedValue(joined)
    const j = setup()
    fill(j)
    await j.runProbe()
    expect(await j.submit()).toEqual(joined)
    expect(joinTeam.mock.calls[0]![0].fingerprint).toBe('')
  })

  it('over plain http: nothing to pin', async () => {
    probeServer.mockResolvedValue({ fingerprint: '', teamName: '华信服务部', tls: false })
    joinTeam.mockResolvedValue(joined)
    const j = setup()
    fill(j)
    j.form.server = 'http://office:8080'
    await j.runProbe()
    await j.submit()
    expect(joinTeam.mock.calls[0]![0].fingerprint).toBe('')
  })

  it('another address must be checked again', async () => {
    probeServer.mockResolvedValue({ fingerprint: 'AB12', teamName: 'T', tls: true })
    const j = setup()
    fill(j)
    await j.runProbe()
    j.confirmed.value = true
    j.form.server = 'https://other:8443'
    await nextTick()
    expect(j.probe.value).toBeNull()
    expect(j.confirmed.value).toBe(false)
    expect(await j.submit()).toBeNull()
    expect(joinTeam).not.toHaveBeenCalled()
  })

  it('a server that cannot be reached is said on top', async () => {
    probeServer.mockRejectedValue({ code: 'internal', message: '连不上', key: 'sync_unreachable', params: { reason: 'connection refused' } })
    const j = setup()
    j.form.server = 'https://office:8443'
    expect(await j.runProbe()).toBe(false)
    expect(j.message.value).toBe('无法连接团队服务器：connection refused')
    expect(j.fields.value.server).toBe('无法连接团队服务器：connection refused')
  })

  it('a device code taken by another device is said at the device code', async () => {
    probeServer.mockResolvedValue({ fingerprint: '', teamName: 'T', tls: false })
    joinTeam.mockRejectedValue({ code: 'conflict', message: '已被使用', key: 'sync_device_code_taken', params: { code: 'ZW' } })
    const j = setup()
    fill(j)
    await j.runProbe()
    expect(await j.submit()).toBeNull()
    expect(j.fields.value.deviceCode).toBe('设备代码 ZW 已被团队中的另一台电脑使用，请换一个')
    expect(useSyncStore().joined).toBe(false)
    expect(j.form.password).toBe('secret pw')
  })

  it("the server's field errors are said beside their fields, naming them", async () => {
    probeServer.mockResolvedValue({ fingerprint: '', teamName: 'T', tls: false })
    joinTeam.mockRejectedValue({ code: 'invalid', message: '输入有误', fields: [{ field: 'deviceName', key: 'too_long', params: { max: 40 } }] })
    const j = setup()
    fill(j)
    await j.runProbe()
    await j.submit()
    expect(j.fields.value.deviceName).toBe('设备名称不能超过 40 个字')
  })
})
