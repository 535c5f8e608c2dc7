import { describe, expect, it } from 'vitest'
import rules from '../test/process.json'
import { closedStatus, greenChannelAllowed, openTask } from './process'

describe('the process rules served by the backend', () => {
  it('a task is open unless done or cancelled', () => {
    expect(openTask(rules, 'todo')).toBe(true)
    expect(openTask(rules, 'doing')).toBe(true)
    expect(openTask(rules, 'open')).toBe(true)
    expect(openTask(rules, 'done')).toBe(false)
    expect(openTask(rules, 'cancelled')).toBe(false)
  })
  it('only an urgent request may take the green channel', () => {
    expect(greenChannelAllowed(rules, 'urgent')).toBe(true)
    for (const u of ['important', 'normal', 'potential']) expect(greenChannelAllowed(rules, u)).toBe(false)
  })
  it('archived, rejected and cancelled close a request', () => {
    expect(rules.statuses.filter((x) => closedStatus(rules, x.status)).map((x) => x.status)).toEqual(['archived', 'rejected', 'cancelled'])
  })
  it('before the rules are loaded nothing is closed or green', () => {
    expect(openTask(null, 'done')).toBe(true)
    expect(greenChannelAllowed(null, 'urgent')).toBe(false)
    expect(closedStatus(null, 'archived')).toBe(false)
  })
})
