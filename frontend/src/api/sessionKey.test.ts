import { describe, expect, it } from 'vitest'
import { adoptKey, sessionKey, type KeyStorage } from './sessionKey'

function memory(): KeyStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) }
}

describe('adoptKey', () => {
  it('keeps the key from the link and shows the home route instead', () => {
    const s = memory()
    expect(adoptKey('#reqdesk-key=abc123', s)).toBe('#/')
    expect(sessionKey(s)).toBe('abc123')
  })

  it('leaves ordinary routes alone', () => {
    const s = memory()
    expect(adoptKey('#/requests/1', s)).toBeNull()
    expect(adoptKey('', s)).toBeNull()
    expect(sessionKey(s)).toBeNull()
  })
})
