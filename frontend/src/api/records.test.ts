import { describe, expect, it } from 'vitest'
import { blankBody, decodeBody, decodeRecord, encodeBody, recordKinds, recordsOf, singletonKinds } from './records'

describe('decodeBody', () => {
  it('fills every field of a kind from an empty body', () => {
    for (const k of recordKinds) expect(decodeBody(k, {}), k).toEqual(blankBody(k))
  })

  it('keeps well-typed values and drops unknown fields', () => {
    const b = decodeBody('task', { title: '后端开发', owner: '王强', percent: 40, status: 'doing', dependsOn: ['t1'], extra: 1 })
    expect(b).toEqual({ ...blankBody('task'), title: '后端开发', owner: '王强', percent: 40, status: 'doing', dependsOn: ['t1'] })
    expect('extra' in b).toBe(false)
  })

  it('turns null lists into empty ones and mistyped values into defaults', () => {
    const b = decodeBody('sub_requirement', { title: 7, dependsOn: null, status: 'closed' })
    expect(b.title).toBe('')
    expect(b.dependsOn).toEqual([])
    expect(b.status).toBe('open')
    expect(decodeBody('plan', { requiredReviews: ['财务部', 3], cost: 'many' })).toMatchObject({ requiredReviews: ['财务部'], cost: 0 })
  })

  it('keeps the delivery decision undecided unless it is a boolean', () => {
    expect(decodeBody('delivery', { accepted: null }).accepted).toBeNull()
    expect(decodeBody('delivery', {}).accepted).toBeNull()
    expect(decodeBody('delivery', { accepted: false }).accepted).toBe(false)
    expect(decodeBody('delivery', { accepted: true }).accepted).toBe(true)
  })

  it('reads a body sent as JSON text', () => {
    expect(decodeBody('retrospective', '{"lessons":"早做产能调研"}').lessons).toBe('早做产能调研')
    expect(decodeBody('retrospective', 'not json')).toEqual(blankBody('retrospective'))
  })

  it('starts a feedback as obtained and a task as to do', () => {
    expect(blankBody('feedback').obtained).toBe(true)
    expect(blankBody('task').status).toBe('todo')
    expect(blankBody('sub_requirement').status).toBe('open')
  })

  it('returns fresh objects', () => {
    const a = blankBody('plan')
    a.requiredReviews.push('财务部')
    expect(blankBody('plan').requiredReviews).toEqual([])
  })
})

describe('decodeRecord', () => {
  const raw = {
    id: 'r1',
    requestId: 'q1',
    kind: 'analysis',
    parentId: '',
    body: { customerValue: 5, horizon: 'immediate' },
    createdBy: '李娜',
    createdAt: '2026-03-15T06:00:00Z',
    updatedAt: '2026-03-15T06:00:00Z',
    version: 2,
  }

  it('decodes the body of its kind', () => {
    const r = decodeRecord(raw)
    expect(r?.kind).toBe('analysis')
    expect(r?.body).toMatchObject({ customerValue: 5, horizon: 'immediate', businessValue: 0 })
    expect(r?.version).toBe(2)
  })

  it('skips kinds it does not know', () => {
    expect(decodeRecord({ ...raw, kind: 'invoice' })).toBeNull()
  })

  it('selects records of a kind', () => {
    const recs = [decodeRecord(raw)!, decodeRecord({ ...raw, id: 'r2', kind: 'task', body: { title: 't' } })!]
    expect(recordsOf(recs, 'task').map((r) => r.body.title)).toEqual(['t'])
  })

  it('knows which kinds are singletons', () => {
    expect(singletonKinds).toEqual(['analysis', 'result_note', 'retrospective'])
  })
})

describe('encodeBody', () => {
  it('leaves out an unset moment so the backend reports it as required', () => {
    expect('at' in encodeBody('communication', blankBody('communication'))).toBe(false)
    const at = '2026-03-15T06:00:00.000Z'
    expect(encodeBody('communication', { ...blankBody('communication'), at }).at).toBe(at)
  })

  it('turns cleared numbers into 0', () => {
    const b = { ...blankBody('analysis'), costDays: null as unknown as number, costMoney: 12.5 }
    expect(encodeBody('analysis', b)).toMatchObject({ costDays: 0, costMoney: 12.5 })
  })
})
