import { describe, expect, it } from 'vitest'
import type { JoinInput, SyncStatus } from '../api/types'
import { translator } from '../test/i18n'
import { fieldMessage } from './fieldErrors'
import {
  dataAsOf,
  fingerprintGroups,
  indicatorState,
  joinFieldMessage,
  joinProblems,
  relativeTime,
  serverProblem,
  shortTime,
} from './sync'

const tr = translator('zh-CN')
const en = translator('en')

function status(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    joined: true,
    server: 'https://office:8443',
    account: 'a',
    deviceCode: 'ZW',
    online: true,
    syncing: false,
    pending: 0,
    conflicts: 0,
    lastSync: '2026-12-03T06:05:00Z',
    lastError: null,
    fingerprint: '',
    isServer: false,
    ...over,
  }
}

describe('times of the last sync', () => {
  // The tests run in Asia/Shanghai (test/setup.ts).
  const now = new Date('2026-12-03T10:00:00+08:00')
  it('are short: time today, month and day this year, the full date before', () => {
    expect(shortTime('2026-12-03T06:05:00+08:00', now)).toBe('06:05')
    expect(shortTime('2026-11-30T23:59:00+08:00', now)).toBe('11-30 23:59')
    expect(shortTime('2025-12-31T08:00:00+08:00', now)).toBe('2025-12-31 08:00')
    expect(shortTime(null, now)).toBe('')
    expect(shortTime('0001-01-01T00:00:00Z', now)).toBe('')
  })
  it('say how long ago', () => {
    expect(relativeTime('2026-12-03T09:59:40+08:00', now, tr)).toBe('刚刚')
    expect(relativeTime('2026-12-03T09:45:00+08:00', now, tr)).toBe('15 分钟前')
    expect(relativeTime('2026-12-03T07:00:00+08:00', now, tr)).toBe('3 小时前')
    expect(relativeTime('2026-11-30T09:00:00+08:00', now, tr)).toBe('3 天前')
    expect(relativeTime('2026-12-03T09:45:00+08:00', now, en)).toBe('15 min ago')
  })
})

describe('indicatorState', () => {
  it('puts a running round first, then a failure, then being offline', () => {
    const revoked = { code: 'forbidden', message: '', key: 'sync_device_revoked' }
    const offline = { code: 'internal', message: '', key: 'sync_unreachable', params: { reason: 'timeout' } }
    expect(indicatorState(status({ syncing: true, lastError: revoked }))).toBe('syncing')
    expect(indicatorState(status({ lastError: revoked, online: false }))).toBe('error')
    expect(indicatorState(status({ lastError: offline, online: false }))).toBe('offline')
    expect(indicatorState(status({ online: false }))).toBe('offline')
    expect(indicatorState(status())).toBe('online')
  })
})

describe('dataAsOf', () => {
  it('says as of the last sync on a joined laptop, not yet before the first, nothing otherwise', () => {
    expect(dataAsOf(status(), tr)).toBe('数据截至 2026-12-03 14:05')
    expect(dataAsOf(status({ lastSync: null }), tr)).toBe('尚未同步')
    expect(dataAsOf(status(), en)).toBe('Data as of 2026-12-03 14:05')
    expect(dataAsOf(status({ joined: false }), tr)).toBe('')
    expect(dataAsOf(status({ joined: false, isServer: true }), tr)).toBe('')
    expect(dataAsOf(null, tr)).toBe('')
  })
})

describe('fingerprintGroups', () => {
  it('writes any spelling of a fingerprint as groups of four capitals', () => {
    const colons = 'ab:cd:01:23:45:67:89:ef'
    expect(fingerprintGroups(colons)).toEqual(['ABCD', '0123', '4567', '89EF'])
    expect(fingerprintGroups('SHA256:abcd0123 4567')).toEqual(['ABCD', '0123', '4567'])
    expect(fingerprintGroups('')).toEqual([])
  })
})

describe('the join form', () => {
  const ok: JoinInput = {
    server: 'https://192.168.1.10:8443/',
    user: '张伟',
    password: 'secret',
    deviceCode: 'zw',
    deviceName: '张伟的笔记本',
    fingerprint: '',
  }

  it('takes a complete form (a lower-case device code is made upper case)', () => {
    expect(joinProblems(ok)).toEqual([])
  })

  it('checks the server address', () => {
    expect(serverProblem('')?.key).toBe('required')
    expect(serverProblem('192.168.1.10:8443')?.key).toBe('scheme')
    expect(serverProblem('ftp://office')?.key).toBe('scheme')
    expect(serverProblem('https://')?.key).toBe('invalid')
    expect(serverProblem('https://office:8443/?x=1')?.key).toBe('invalid')
    expect(serverProblem('https://user:pw@office')?.key).toBe('invalid')
    expect(serverProblem(' http://office:8080 ')).toBeNull()
  })

  it('names every field at fault, in Chinese', () => {
    const problems = joinProblems({ server: 'office', user: ' ', password: '', deviceCode: 'ABCDE', deviceName: '', fingerprint: '' })
    const said = Object.fromEntries(problems.map((p) => [p.field, joinFieldMessage(p, tr, (fe) => fieldMessage(fe, tr))]))
    expect(said).toEqual({
      server: '服务器地址应以 http:// 或 https:// 开头，如 https://192.168.1.10:8443',
      user: '请填写账号',
      password: '请填写密码',
      deviceCode: '设备代码应为 1–4 位大写字母或数字',
      deviceName: '请填写设备名称，便于管理员在设备列表中认出这台电脑',
    })
  })

  it('names the field before a general message, and in English', () => {
    const [p] = joinProblems({ ...ok, user: 'a\nb' })
    expect(p).toEqual({ field: 'user', key: 'single_line' })
    expect(joinFieldMessage(p!, tr, (fe) => fieldMessage(fe, tr))).toBe('账号：不能包含换行')
    expect(joinFieldMessage({ field: 'deviceCode', key: 'required' }, en, (fe) => fieldMessage(fe, en))).toBe('Enter the device code')
    const long = joinProblems({ ...ok, deviceName: '长'.repeat(41) })
    expect(joinFieldMessage(long[0]!, tr, (fe) => fieldMessage(fe, tr))).toBe('设备名称不能超过 40 个字')
  })
})
