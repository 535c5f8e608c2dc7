// Events the backend sends on its own (sync:status). The desktop window gets
// them through the Wails runtime; serve mode has no channel for them, so a
// caller told there is none polls instead.
import { EventsOn } from '../wailsjs/runtime/runtime'
import { usesWails } from './transport'

interface RuntimeWindow {
  runtime?: { EventsOnMultiple?: unknown }
}

/** hasEvents reports whether backend events reach this page (the desktop window). */
export function hasEvents(w: unknown = globalThis.window): boolean {
  return usesWails(w) && typeof (w as RuntimeWindow).runtime?.EventsOnMultiple === 'function'
}

/**
 * onBackendEvent calls fn with the data of every event name the backend
 * emits, and returns what stops it; it returns null when this page gets no
 * events (serve mode), and the caller has to poll.
 */
export function onBackendEvent(name: string, fn: (data: unknown) => void): (() => void) | null {
  if (!hasEvents()) return null
  return EventsOn(name, (data: unknown) => fn(data))
}
