import { describe, expect, it } from 'vitest'
import { checkRegistration, checkStep, complaintActions, complaintStatusType } from './complaints'

describe('complaintActions', () => {
  it('offers each status its steps, none once closed', () => {
    expect(complaintActions('registered')).toEqual(['accept'])
    expect(complaintActions('investigating')).toEqual(['answer'])
    expect(complaintActions('answered')).toEqual(['close', 'reinvestigate'])
    expect(complaintActions('closed')).toEqual([])
  })
  it('colours open complaints as warnings and closed ones as done', () => {
    expect(complaintStatusType('registered')).toBe('warning')
    expect(complaintStatusType('closed')).toBe('success')
  })
})

describe('checkRegistration', () => {
  it('names every missing field, blanks included', () => {
    expect(checkRegistration({ complainant: ' ', content: '' }).map((e) => e.field)).toEqual([
      'receivedAt',
      'complainant',
      'cause',
      'content',
    ])
    expect(checkRegistration({ receivedAt: '2026-10-08T02:00:00Z', complainant: '张伟', cause: 'attitude', content: '态度生硬' })).toEqual([])
  })
})

describe('checkStep', () => {
  it('asks the investigator when a complaint is taken up', () => {
    expect(checkStep('accept', {})).toEqual([{ field: 'investigator', key: 'required' }])
    expect(checkStep('accept', { investigator: '王强' })).toEqual([])
  })
  it('asks findings, responsible, measures and the answer', () => {
    expect(checkStep('answer', { findings: '未交接', answer: ' ' }).map((e) => e.field)).toEqual(['responsible', 'measures', 'answer'])
  })
  it('closes with the customer’s decision, a note when not accepted', () => {
    expect(checkStep('close', {})).toEqual([{ field: 'accepted', key: 'required' }])
    expect(checkStep('close', { accepted: null })).toEqual([{ field: 'accepted', key: 'required' }])
    expect(checkStep('close', { accepted: true })).toEqual([])
    expect(checkStep('close', { accepted: false })).toEqual([{ field: 'note', key: 'required' }])
    expect(checkStep('reinvestigate', { note: '客户仍不满意' })).toEqual([])
  })
})
