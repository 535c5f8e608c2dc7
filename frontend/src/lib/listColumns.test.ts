import { describe, expect, it } from 'vitest'
import { columnsKey, defaultColumns, normalizeColumns, readColumns, tableWidth, writeColumns } from './listColumns'

function memory(): Storage {
  const m = new Map<string, string>()
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: () => null,
    get length() {
      return m.size
    },
  }
}

describe('list columns', () => {
  it('shows status and owner by default, and fits a 1280 px window beside the 176 px menu', () => {
    expect(defaultColumns).toContain('status')
    expect(defaultColumns).toContain('owner')
    // 1280 − menu 176 − page padding 32 − a scroll bar 16.
    expect(tableWidth(defaultColumns)).toBeLessThanOrEqual(1280 - 176 - 32 - 16)
  })

  it('remembers the columns chosen, always with the number and the description, in the list order', () => {
    const s = memory()
    expect(readColumns(s)).toEqual([...defaultColumns])
    writeColumns(['status', 'contactName', 'owner'], s)
    expect(readColumns(s)).toEqual(['number', 'contactName', 'title', 'status', 'owner'])
  })

  it('reads a damaged or foreign choice as the default or without the unknown keys', () => {
    const s = memory()
    s.setItem(columnsKey, '{not json')
    expect(readColumns(s)).toEqual([...defaultColumns])
    expect(normalizeColumns(['owner', 'nonsense', 7])).toEqual(['number', 'title', 'owner'])
  })
})
