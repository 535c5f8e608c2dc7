import { describe, expect, it, vi } from 'vitest'
import { useLatest } from './useLatest'

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useLatest', () => {
  it('keeps the latest answer when an older one arrives late', async () => {
    const { loading, run } = useLatest()
    const first = deferred<string>()
    const second = deferred<string>()
    const got: string[] = []
    const a = run(() => first.promise, (v) => got.push(v))
    expect(loading.value).toBe(true)
    const b = run(() => second.promise, (v) => got.push(v))
    second.resolve('new')
    await b
    expect(loading.value).toBe(false)
    first.resolve('old')
    await a
    expect(got).toEqual(['new'])
    expect(loading.value).toBe(false)
  })

  it('reports only the latest call’s error, and a late one leaves loading alone', async () => {
    const { loading, run } = useLatest()
    const first = deferred<string>()
    const second = deferred<string>()
    const fail = vi.fn()
    const a = run(() => first.promise, () => undefined, fail)
    const b = run(() => second.promise, () => undefined, fail)
    first.reject(new Error('old'))
    await a
    expect(fail).not.toHaveBeenCalled()
    expect(loading.value).toBe(true)
    second.reject(new Error('new'))
    await b
    expect(fail).toHaveBeenCalledTimes(1)
    expect((fail.mock.calls[0]![0] as Error).message).toBe('new')
    expect(loading.value).toBe(false)
  })

  it('passes a throw in apply to fail', async () => {
    const { run } = useLatest()
    const fail = vi.fn()
    await run(
      () => Promise.resolve(1),
      () => {
        throw new Error('bad')
      },
      fail,
    )
    expect(fail).toHaveBeenCalledTimes(1)
  })

  it('two runners do not interfere', async () => {
    const x = useLatest()
    const y = useLatest()
    const got: number[] = []
    await Promise.all([x.run(() => Promise.resolve(1), (v) => got.push(v)), y.run(() => Promise.resolve(2), (v) => got.push(v))])
    expect(got.sort()).toEqual([1, 2])
  })
})
