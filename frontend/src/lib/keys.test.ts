import { describe, expect, it, vi } from 'vitest'
import { ctrlEnter } from './keys'

function key(k: string, mods: { ctrlKey?: boolean; metaKey?: boolean } = {}) {
  return { key: k, ctrlKey: false, metaKey: false, ...mods, preventDefault: vi.fn(), stopPropagation: vi.fn() } as unknown as KeyboardEvent & {
    preventDefault: ReturnType<typeof vi.fn>
    stopPropagation: ReturnType<typeof vi.fn>
  }
}

describe('ctrlEnter', () => {
  it('submits on Ctrl+Enter and ⌘+Enter and keeps the key from the field', () => {
    const submit = vi.fn()
    const on = ctrlEnter(submit)
    const e = key('Enter', { ctrlKey: true })
    on(e)
    on(key('Enter', { metaKey: true }))
    expect(submit).toHaveBeenCalledTimes(2)
    expect(e.preventDefault).toHaveBeenCalled()
    expect(e.stopPropagation).toHaveBeenCalled()
  })

  it('leaves a plain Enter and other keys to the field', () => {
    const submit = vi.fn()
    const on = ctrlEnter(submit)
    const e = key('Enter')
    on(e)
    on(key('s', { ctrlKey: true }))
    expect(submit).not.toHaveBeenCalled()
    expect(e.preventDefault).not.toHaveBeenCalled()
  })

  it('does nothing while when() is false', () => {
    const submit = vi.fn()
    let editing = false
    const on = ctrlEnter(submit, () => editing)
    on(key('Enter', { ctrlKey: true }))
    expect(submit).not.toHaveBeenCalled()
    editing = true
    on(key('Enter', { ctrlKey: true }))
    expect(submit).toHaveBeenCalledTimes(1)
  })
})
