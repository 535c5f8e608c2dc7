import { describe, expect, it } from 'vitest'
import type { Script } from '../api/comm'
import type { Communication } from '../api/records'
import { applyScript, insertText, scriptsFor, weekOf } from './scripts'

function script(id: string, channel: string, topic: string, title: string, active = true): Script {
  return { id, channel, topic, title, body: `${title}正文`, active, revision: 1, updatedBy: '', createdAt: '', updatedAt: '', version: 1 }
}

describe('scriptsFor', () => {
  const all = [script('a', '', 'greeting', '通用问候'), script('b', '电话', 'greeting', '电话问候'), script('c', '邮件', 'closing', '邮件结束'), script('d', '', 'closing', '停用', false)]
  it('puts the channel’s own scripts first, then the general ones, never retired ones', () => {
    expect(scriptsFor(all, '电话').map((s) => s.id)).toEqual(['b', 'a'])
    expect(scriptsFor(all, '').map((s) => s.id)).toEqual(['a'])
  })
  it('narrows by a search', () => {
    expect(scriptsFor(all, '邮件', '结束').map((s) => s.id)).toEqual(['c'])
  })
})

describe('applyScript', () => {
  it('appends the text on its own line and notes the revision', () => {
    const b: Communication = { at: '', channel: '', with: '', summary: '客户来电 ', nextStep: '', waitSeconds: null }
    applyScript(b, 'summary', { text: '张伟您好', scriptId: 's1', revision: 3, missing: [] })
    expect(b.summary).toBe('客户来电\n张伟您好')
    expect(b.scriptId).toBe('s1')
    expect(b.scriptRevision).toBe(3)
    expect(insertText('', 'x')).toBe('x')
  })
})

describe('weekOf', () => {
  it('gives ISO weeks across the year’s edge', () => {
    expect(weekOf(new Date(2026, 11, 4))).toBe('2026-W49')
    expect(weekOf(new Date(2025, 11, 29))).toBe('2026-W01')
    expect(weekOf(new Date(2021, 0, 3))).toBe('2020-W53')
  })
})
