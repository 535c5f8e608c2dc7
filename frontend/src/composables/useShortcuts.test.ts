import { describe, expect, it, vi } from 'vitest'
import { createDispatcher, createMatcher, isTyping, sequenceMs, shortcuts, stepIndex, type KeyLike } from './useShortcuts'

// el fakes an element: its tag, input type, contenteditable, and the
// selectors it sits inside (what closest would find).
function el(tagName: string, opts: { type?: string; editable?: boolean; inside?: string[] } = {}) {
  return {
    tagName,
    type: opts.type,
    isContentEditable: opts.editable === true,
    closest: (sel: string) => (opts.inside ?? []).some((s) => sel.includes(s)) || null,
  }
}

const body = el('BODY')
const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({ key: k, target: body, ...extra })

describe('isTyping', () => {
  it.each([
    ['a text input', el('INPUT', { type: 'text' }), true],
    ['an input without a type', el('INPUT'), true],
    ['a search input', el('INPUT', { type: 'search' }), true],
    ['a textarea', el('TEXTAREA'), true],
    ['a native select', el('SELECT'), true],
    ['a contenteditable', el('DIV', { editable: true }), true],
    ['a Naive UI select (focused div)', el('DIV', { inside: ['.n-base-selection'] }), true],
    ['a Naive UI date picker', el('DIV', { inside: ['.n-date-picker'] }), true],
    ['a checkbox', el('INPUT', { type: 'checkbox' }), false],
    ['a button', el('BUTTON'), false],
    ['the page', body, false],
    ['nothing', null, false],
  ])('%s → %s', (_name, target, want) => {
    expect(isTyping(target)).toBe(want)
  })
})

describe('createMatcher', () => {
  it('matches single keys', () => {
    const m = createMatcher()
    expect(m.feed(key('/'), 0)).toBe('search')
    expect(m.feed(key('n'), 1)).toBe('newRequest')
    expect(m.feed(key('?'), 2)).toBe('help')
    expect(m.feed(key('j'), 3)).toBe('next')
    expect(m.feed(key('k'), 4)).toBe('prev')
    expect(m.feed(key('x'), 5)).toBeNull()
  })

  it('matches g sequences within the wait, and only then', () => {
    const m = createMatcher()
    expect(m.feed(key('g'), 0)).toBeNull()
    expect(m.feed(key('d'), 100)).toBe('goDashboard')
    expect(m.feed(key('g'), 200)).toBeNull()
    expect(m.feed(key('l'), 300)).toBe('goList')
    expect(m.feed(key('g'), 400)).toBeNull()
    expect(m.feed(key('m'), 500)).toBe('goMyWork')
    // Too late: the second key is a key of its own (d is nothing alone).
    expect(m.feed(key('g'), 1000)).toBeNull()
    expect(m.feed(key('d'), 1000 + sequenceMs + 1)).toBeNull()
    // g then an unknown key, then n: n is n.
    expect(m.feed(key('g'), 5000)).toBeNull()
    expect(m.feed(key('z'), 5001)).toBeNull()
    expect(m.feed(key('n'), 5002)).toBe('newRequest')
  })

  it('fires nothing while typing in a field, and a field breaks a sequence', () => {
    const m = createMatcher()
    for (const target of [el('INPUT'), el('TEXTAREA'), el('DIV', { editable: true }), el('DIV', { inside: ['.n-base-selection'] })]) {
      for (const k of ['/', 'n', 'j', 'k', '?', 'g']) expect(m.feed({ key: k, target }, 0)).toBeNull()
    }
    expect(m.feed(key('g'), 0)).toBeNull()
    expect(m.feed({ key: 'd', target: el('INPUT') }, 10)).toBeNull()
    expect(m.feed(key('d'), 20)).toBeNull()
  })

  it('leaves keys with Ctrl, ⌘ or Alt, an IME composition and handled keys alone', () => {
    const m = createMatcher()
    expect(m.feed(key('n', { ctrlKey: true }), 0)).toBeNull()
    expect(m.feed(key('n', { metaKey: true }), 0)).toBeNull()
    expect(m.feed(key('n', { altKey: true }), 0)).toBeNull()
    expect(m.feed(key('n', { isComposing: true }), 0)).toBeNull()
    expect(m.feed(key('n', { defaultPrevented: true }), 0)).toBeNull()
  })

  it('knows every shortcut it lists', () => {
    const ids = shortcuts.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const s of shortcuts) {
      const m = createMatcher()
      let got = null
      s.keys.forEach((k, i) => (got = m.feed(key(k), i)))
      expect(got).toBe(s.id)
    }
  })
})

describe('createDispatcher', () => {
  it('gives a shortcut to the latest screen that handles it', () => {
    const d = createDispatcher()
    const shell = { goDashboard: vi.fn(), next: vi.fn(), search: vi.fn() }
    const list = { next: vi.fn() }
    d.add(shell)
    const remove = d.add(list)
    expect(d.handle(key('j'), 0)).toBe(true)
    expect(list.next).toHaveBeenCalledTimes(1)
    expect(shell.next).not.toHaveBeenCalled()
    expect(d.handle(key('/'), 1)).toBe(true)
    expect(shell.search).toHaveBeenCalledTimes(1)
    remove()
    d.handle(key('j'), 2)
    expect(shell.next).toHaveBeenCalledTimes(1)
    expect(d.handle(key('k'), 3)).toBe(false)
    d.handle(key('g'), 4)
    d.handle(key('d'), 5)
    expect(shell.goDashboard).toHaveBeenCalledTimes(1)
  })
})

describe('stepIndex', () => {
  it.each([
    [-1, 3, 1, 0],
    [-1, 3, -1, 2],
    [0, 3, 1, 1],
    [2, 3, 1, 2],
    [0, 3, -1, 0],
    [1, 3, -1, 0],
    [-1, 0, 1, -1],
  ])('from %i of %i by %i → %i', (cur, n, by, want) => {
    expect(stepIndex(cur, n, by)).toBe(want)
  })
})
