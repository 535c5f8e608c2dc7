import { describe, expect, it } from 'vitest'
import { summarizeClocks } from './clockSummary'

describe('summarizeClocks', () => {
  it('counts clocks by what they need', () => {
    const states = ['met', 'late', 'breached', 'on_track', 'paused', 'due_soon', 'breached', 'not_started', 'stopped']
    expect(summarizeClocks(states.map((state) => ({ state })))).toEqual({ breached: 2, dueSoon: 1, running: 1, paused: 1, finished: 3 })
  })

  it('is all zero without clocks', () => {
    expect(summarizeClocks(null)).toEqual({ breached: 0, dueSoon: 0, running: 0, paused: 0, finished: 0 })
  })
})
