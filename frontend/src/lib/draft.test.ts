import { describe, expect, it } from 'vitest'
import { draftVersion, hasInput, parseDraft, serializeDraft } from './draft'
import { emptyForm } from './requestForm'

const now = Date.UTC(2026, 2, 15, 6, 30)
const fresh = () => emptyForm(now, '李娜')

describe('draft', () => {
  it('round-trips a form', () => {
    const f = { ...fresh(), customerId: 'c1', customerName: '科技有限公司', title: '咨询系统对接方案', urgency: 'urgent' as const }
    const body = serializeDraft(f, new Date(now))
    const d = parseDraft(body, fresh())
    expect(d).not.toBeNull()
    expect(d?.form).toEqual(f)
    expect(d?.savedAt).toBe('2026-03-15T06:30:00.000Z')
  })

  it('keeps a cleared receipt time', () => {
    const f = { ...fresh(), title: 'x', receivedAt: null }
    expect(parseDraft(serializeDraft(f, new Date(now)), fresh())?.form.receivedAt).toBeNull()
  })

  it('returns null for no draft or an unreadable one', () => {
    expect(parseDraft('', fresh())).toBeNull()
    expect(parseDraft('   ', fresh())).toBeNull()
    expect(parseDraft('{not json', fresh())).toBeNull()
    expect(parseDraft('"a string"', fresh())).toBeNull()
    expect(parseDraft('null', fresh())).toBeNull()
  })

  it('drops a draft of another version', () => {
    const body = JSON.stringify({ v: draftVersion + 1, savedAt: '', form: { title: 'x' } })
    expect(parseDraft(body, fresh())).toBeNull()
  })

  it('falls back to the base for fields of the wrong type', () => {
    const body = JSON.stringify({
      v: draftVersion,
      savedAt: 7,
      form: { title: 42, description: '现象', urgency: 'whenever', impactScope: 'multi', receivedAt: 'yesterday', owner: null },
    })
    const d = parseDraft(body, fresh())
    expect(d?.savedAt).toBe('')
    expect(d?.form.title).toBe('')
    expect(d?.form.description).toBe('现象')
    expect(d?.form.urgency).toBe('')
    expect(d?.form.impactScope).toBe('multi')
    expect(d?.form.receivedAt).toBe(now)
    expect(d?.form.receivedBy).toBe('李娜')
    expect(d?.form.owner).toBe('')
  })
})

describe('hasInput', () => {
  it('is false for an untouched form', () => {
    expect(hasInput(fresh(), fresh())).toBe(false)
  })

  it('ignores whitespace and the moving receipt time', () => {
    expect(hasInput({ ...fresh(), title: '   ', receivedAt: now + 60_000 }, fresh())).toBe(false)
  })

  it('sees typed text, choices and changed defaults', () => {
    expect(hasInput({ ...fresh(), description: '客户反映' }, fresh())).toBe(true)
    expect(hasInput({ ...fresh(), channel: '电话' }, fresh())).toBe(true)
    expect(hasInput({ ...fresh(), urgency: 'urgent' }, fresh())).toBe(true)
    expect(hasInput({ ...fresh(), receivedBy: '王强' }, fresh())).toBe(true)
  })
})
