import { describe, expect, it, vi } from 'vitest'
import { percentOf, phaseOf, runJob, type JobProgress } from './exportJob'

const p = (written: number, total: number, state: JobProgress['state'] = 'running'): JobProgress => ({ id: 'j1', state, written, total })

describe('percentOf and phaseOf', () => {
  it('fill the bar by rows written', () => {
    expect(percentOf(p(0, 200))).toBe(0)
    expect(percentOf(p(50, 200))).toBe(25)
    expect(percentOf(p(199, 200))).toBe(99)
    expect(phaseOf(p(50, 200))).toBe('writing')
  })
  it('hold at 99 while the file is saved, and when rows outnumber the count', () => {
    expect(percentOf(p(200, 200))).toBe(99)
    expect(phaseOf(p(200, 200))).toBe('saving')
    expect(percentOf(p(230, 200))).toBe(99)
  })
  it('are full when done, even for an empty table', () => {
    expect(percentOf(p(200, 200, 'done'))).toBe(100)
    expect(percentOf(p(0, 0, 'done'))).toBe(100)
    expect(percentOf(p(0, 0))).toBe(0)
    expect(phaseOf(p(0, 0, 'done'))).toBe('done')
  })
})

/** backend replays a sequence of progress reports. */
function backend(steps: JobProgress[]) {
  let i = 0
  return {
    start: vi.fn(async () => steps[0]!),
    progress: vi.fn(async () => steps[Math.min(++i, steps.length - 1)]!),
    cancel: vi.fn(async () => undefined),
  }
}

describe('runJob', () => {
  it('polls until done, telling progress that never goes backwards', async () => {
    const calls = backend([p(0, 300), p(120, 300), p(100, 300), p(300, 300), p(300, 300, 'done')])
    const seen: number[] = []
    const done = await runJob(calls, { onProgress: (s) => seen.push(s.written), wait: async () => undefined })
    expect(done?.state).toBe('done')
    expect(seen).toEqual([0, 120, 120, 300, 300])
    expect(calls.cancel).not.toHaveBeenCalled()
  })

  it('cancels the backend export when aborted, and resolves to null', async () => {
    const calls = backend([p(0, 1000), p(10, 1000), p(20, 1000), p(30, 1000)])
    const ctl = new AbortController()
    let polls = 0
    const done = await runJob(calls, {
      onProgress: () => undefined,
      signal: ctl.signal,
      wait: async () => {
        if (++polls === 2) ctl.abort()
      },
    })
    expect(done).toBeNull()
    expect(calls.cancel).toHaveBeenCalledWith('j1')
    expect(calls.progress).toHaveBeenCalledTimes(1)
  })

  it('rejects with the backend error of a failed export', async () => {
    const calls = backend([p(0, 10)])
    calls.progress.mockRejectedValueOnce(new Error('内部错误'))
    await expect(runJob(calls, { onProgress: () => undefined, wait: async () => undefined })).rejects.toThrow('内部错误')
  })

  it('ends with null when the backend reports the export cancelled', async () => {
    const calls = backend([p(0, 10), p(3, 10, 'cancelled')])
    expect(await runJob(calls, { onProgress: () => undefined, wait: async () => undefined })).toBeNull()
  })
})
