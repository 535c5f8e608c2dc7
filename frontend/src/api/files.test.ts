import { afterEach, describe, expect, it, vi } from 'vitest'
import { capabilities, saveBytes } from './files'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('capabilities', () => {
  it('the desktop window opens files locally, restarts and uses the native dialogs', () => {
    expect(capabilities({ go: { app: {} } })).toEqual({ openLocally: true, restart: true, nativeFiles: true })
  })
  it('a browser does none of that', () => {
    expect(capabilities({})).toEqual({ openLocally: false, restart: false, nativeFiles: false })
    expect(capabilities(undefined)).toEqual({ openLocally: false, restart: false, nativeFiles: false })
  })
})

describe('saveBytes', () => {
  it('hands the bytes to the native save dialog in the desktop window', async () => {
    const SaveFile = vi.fn().mockResolvedValue('/home/u/a.pdf')
    vi.stubGlobal('window', { go: { app: { SystemApp: { SaveFile } } } })
    expect(await saveBytes('a.pdf', new Uint8Array([1, 2]), 'application/pdf')).toBe('/home/u/a.pdf')
    expect(SaveFile).toHaveBeenCalledWith('a.pdf', 'AQI=')
  })
  it('offers a download in a browser and resolves to the name', async () => {
    const click = vi.fn()
    const a = { click, remove: vi.fn(), style: {} as Record<string, string>, href: '', download: '' }
    vi.stubGlobal('document', { createElement: () => a, body: { appendChild: vi.fn() } })
    vi.stubGlobal('URL', { createObjectURL: () => 'blob:x', revokeObjectURL: vi.fn() })
    expect(await saveBytes('a.pdf', new Uint8Array([1]), 'application/pdf')).toBe('a.pdf')
    expect(a.download).toBe('a.pdf')
    expect(click).toHaveBeenCalled()
  })
})
