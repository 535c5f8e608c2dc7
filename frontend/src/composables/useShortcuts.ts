// Keyboard shortcuts: one listener on the window for the whole app, and the
// handlers of whatever screens are open, the latest opened first. A key
// typed into a field (input, textarea, contenteditable, a Naive UI select
// or date picker) never fires a shortcut; neither does one with Ctrl, ⌘
// or Alt, which belong to the browser and the fields.
import { onBeforeUnmount, onMounted } from 'vue'

/** ShortcutId names what a shortcut does. */
export type ShortcutId =
  | 'search'
  | 'newRequest'
  | 'next'
  | 'prev'
  | 'open'
  | 'goDashboard'
  | 'goList'
  | 'goMyWork'
  | 'goBoard'
  | 'goCustomers'
  | 'goReports'
  | 'help'

/** Shortcut is one shortcut: its keys in order (a sequence like g then d) and its group in the help. */
export interface Shortcut {
  id: ShortcutId
  keys: string[]
  group: 'general' | 'lists' | 'go'
}

/** shortcuts is the one list of shortcuts: the listener matches them and the help dialog shows them. */
export const shortcuts: readonly Shortcut[] = [
  { id: 'search', keys: ['/'], group: 'general' },
  { id: 'newRequest', keys: ['n'], group: 'general' },
  { id: 'help', keys: ['?'], group: 'general' },
  { id: 'next', keys: ['j'], group: 'lists' },
  { id: 'prev', keys: ['k'], group: 'lists' },
  { id: 'open', keys: ['Enter'], group: 'lists' },
  { id: 'goDashboard', keys: ['g', 'd'], group: 'go' },
  { id: 'goList', keys: ['g', 'l'], group: 'go' },
  { id: 'goMyWork', keys: ['g', 'm'], group: 'go' },
  { id: 'goBoard', keys: ['g', 'b'], group: 'go' },
  { id: 'goCustomers', keys: ['g', 'c'], group: 'go' },
  { id: 'goReports', keys: ['g', 'r'], group: 'go' },
]

/** sequenceMs is how long the second key of a sequence (g then d) may wait. */
export const sequenceMs = 1500

/** KeyLike is what the matcher reads of a keyboard event. */
export interface KeyLike {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
  isComposing?: boolean
  defaultPrevented?: boolean
  target?: unknown
}

interface ElementLike {
  tagName?: string
  type?: string
  isContentEditable?: boolean
  closest?: (selector: string) => unknown
}

// Naive UI's selects, cascaders, date and time pickers take keys while
// focused though they are no input (a non-filterable select is a focused div).
const fieldSelector =
  '[contenteditable=""], [contenteditable="true"], .n-base-selection, .n-select, .n-cascader, .n-date-picker, .n-time-picker, .n-input, .n-input-number, .n-auto-complete, .n-mention, [role="combobox"], [role="textbox"]'

// Inputs that take no text: a key on them is a shortcut.
const textless = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'])

/** isTyping reports whether target is a field the user types into. */
export function isTyping(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false
  const el = target as ElementLike
  const tag = (el.tagName ?? '').toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') return !textless.has((el.type ?? 'text').toLowerCase())
  if (el.isContentEditable) return true
  if (typeof el.closest === 'function' && el.closest(fieldSelector)) return true
  return false
}

/**
 * createMatcher turns key presses into shortcuts: feed gives the shortcut a
 * key completes (with its time, for sequences), or null. A key that starts a
 * sequence (g) waits for the next; any other key ends the wait.
 */
export function createMatcher(list: readonly Shortcut[] = shortcuts) {
  let pending: { key: string; at: number } | null = null
  function feed(e: KeyLike, now: number): ShortcutId | null {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented || isTyping(e.target)) {
      pending = null
      return null
    }
    const key = e.key
    if (pending && now - pending.at <= sequenceMs) {
      const first = pending.key
      pending = null
      const hit = list.find((s) => s.keys.length === 2 && s.keys[0] === first && s.keys[1] === key)
      if (hit) return hit.id
    }
    pending = null
    if (list.some((s) => s.keys.length === 2 && s.keys[0] === key)) {
      pending = { key, at: now }
      return null
    }
    return list.find((s) => s.keys.length === 1 && s.keys[0] === key)?.id ?? null
  }
  return { feed }
}

/** Handlers say what the screen does for each shortcut it handles. */
export type Handlers = Partial<Record<ShortcutId, () => void>>

/**
 * createDispatcher keeps the handlers of the open screens, the latest first:
 * a shortcut goes to the latest that handles it (a list's j/k, the shell's
 * g d). handle returns whether a handler took the key.
 */
export function createDispatcher() {
  const stack: Handlers[] = []
  const matcher = createMatcher()
  function add(h: Handlers): () => void {
    stack.push(h)
    return () => {
      const i = stack.lastIndexOf(h)
      if (i >= 0) stack.splice(i, 1)
    }
  }
  function handle(e: KeyLike, now: number): boolean {
    const id = matcher.feed(e, now)
    if (!id) return false
    for (let i = stack.length - 1; i >= 0; i--) {
      const fn = stack[i]?.[id]
      if (fn) {
        fn()
        return true
      }
    }
    return false
  }
  return { add, handle }
}

let shared: ReturnType<typeof createDispatcher> | null = null

function onKeydown(e: KeyboardEvent) {
  if (shared?.handle(e, Date.now())) e.preventDefault()
}

/**
 * useShortcuts gives the component's handlers the keyboard while it is
 * mounted. The first use installs the one window listener.
 */
export function useShortcuts(handlers: Handlers) {
  let remove: (() => void) | null = null
  onMounted(() => {
    if (!shared) {
      shared = createDispatcher()
      window.addEventListener('keydown', onKeydown)
    }
    remove = shared.add(handlers)
  })
  onBeforeUnmount(() => remove?.())
}

/** keyLabel shows a key as the help writes it. */
export function keyLabel(key: string): string {
  return key === 'Enter' ? '↵' : key
}

/** stepIndex is the index j (by 1) or k (by -1) moves to from current (-1: none yet) among n items, staying within them. */
export function stepIndex(current: number, n: number, by: number): number {
  if (n === 0) return -1
  if (current < 0) return by > 0 ? 0 : n - 1
  return Math.min(Math.max(current + by, 0), n - 1)
}

/**
 * useListKeys lets j and k move the keyboard focus through the links of a
 * list (those matching selector, in page order); Enter then opens the
 * focused one as a click would.
 */
export function useListKeys(selector: string) {
  function move(by: number) {
    const items = Array.from(document.querySelectorAll<HTMLElement>(selector))
    const current = items.findIndex((el) => el === document.activeElement)
    const next = items[stepIndex(current, items.length, by)]
    if (!next) return
    next.focus()
    next.scrollIntoView({ block: 'nearest' })
  }
  useShortcuts({ next: () => move(1), prev: () => move(-1) })
}
