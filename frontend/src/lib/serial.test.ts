import { describe, expect, it } from 'vitest'
import { serial } from './serial'

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('serial', () => {
  it('runs tasks in order even when an earlier one is slower', async () => {
    const run = serial()
    const done: string[] = []
    const a = run(async () => {
      await delay(30)
      done.push('save')
    })
    const b = run(async () => {
      done.push('discard')
    })
    await Promise.all([a, b])
    expect(done).toEqual(['save', 'discard'])
  })

  it('goes on after a failure and reports it to its caller', async () => {
    const run = serial()
    const failed = run(() => Promise.reject(new Error('disk full')))
    const next = run(() => Promise.resolve(7))
    await expect(failed).rejects.toThrow('disk full')
    await expect(next).resolves.toBe(7)
  })
})
