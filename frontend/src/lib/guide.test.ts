import { describe, expect, it } from 'vitest'
import { firstOpenStep, guideSteps, showGuide, stepDone, type GuideFacts } from './guide'

const empty: GuideFacts = { guide: '', companyName: '', me: false, people: 0, customers: 0, requests: 0 }

describe('first-run guide', () => {
  it('is shown on an empty database and opens at the company', () => {
    expect(showGuide(empty)).toBe(true)
    expect(firstOpenStep(empty)).toBe(0)
  })

  it('comes back until the first request exists or it is dismissed', () => {
    const half = { ...empty, companyName: '华东科技', me: true }
    expect(showGuide(half)).toBe(true)
    expect(guideSteps[firstOpenStep(half)]).toBe('people')
    expect(showGuide({ ...half, requests: 1 })).toBe(false)
    expect(showGuide({ ...half, guide: 'dismissed' })).toBe(false)
  })

  it('counts colleagues besides oneself, and opens at the first step not done', () => {
    const f = { ...empty, companyName: ' ', me: true, people: 1, customers: 1 }
    expect(stepDone('company', f)).toBe(false)
    expect(stepDone('people', f)).toBe(false)
    expect(stepDone('people', { ...f, people: 2 })).toBe(true)
    expect(guideSteps[firstOpenStep(f)]).toBe('company')
    const all = { ...f, companyName: '华东科技', people: 3 }
    expect(guideSteps[firstOpenStep(all)]).toBe('request')
  })
})
