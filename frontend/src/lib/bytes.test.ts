import { describe, expect, it } from 'vitest'
import { base64FromBytes, bytesFromBase64, bytesFromDataURL, bytesFromWire, formatSize } from './bytes'

describe('base64 bytes', () => {
  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(bytesFromBase64(base64FromBytes(all))).toEqual(all)
  })

  it('encodes as Go encoding/json does', () => {
    // json.Marshal([]byte("%PDF-1.4")) == "JVBERi0xLjQ="
    expect(base64FromBytes(new TextEncoder().encode('%PDF-1.4'))).toBe('JVBERi0xLjQ=')
    expect(new TextDecoder().decode(bytesFromBase64('JVBERi0xLjQ='))).toBe('%PDF-1.4')
  })

  it('handles large files without overflowing the call stack', () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 256)
    const back = bytesFromBase64(base64FromBytes(big))
    // Compared as one buffer: toEqual walks 300k elements one by one and
    // takes seconds on a loaded machine.
    expect(back.length).toBe(big.length)
    expect(Buffer.from(back).equals(Buffer.from(big))).toBe(true)
  })

  it('reads empty and null as no bytes', () => {
    expect(bytesFromBase64('')).toHaveLength(0)
    expect(bytesFromBase64(null)).toHaveLength(0)
    expect(base64FromBytes(new Uint8Array(0))).toBe('')
  })
})

describe('bytesFromWire', () => {
  it('accepts base64 text, arrays and byte arrays', () => {
    expect(bytesFromWire('AQID')).toEqual(Uint8Array.of(1, 2, 3))
    expect(bytesFromWire([1, 2, 3])).toEqual(Uint8Array.of(1, 2, 3))
    expect(bytesFromWire(Uint8Array.of(4))).toEqual(Uint8Array.of(4))
    expect(bytesFromWire(null)).toHaveLength(0)
  })

  it('refuses anything else', () => {
    expect(() => bytesFromWire(42)).toThrow(TypeError)
  })
})

describe('bytesFromDataURL', () => {
  it('decodes a PNG data URL', () => {
    const got = bytesFromDataURL('data:image/png;base64,iVBORw0KGgo=')
    expect(got.mime).toBe('image/png')
    expect(Array.from(got.bytes)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  })

  it('decodes a percent-encoded one', () => {
    const got = bytesFromDataURL('data:,a%20b')
    expect(got.mime).toBe('text/plain')
    expect(new TextDecoder().decode(got.bytes)).toBe('a b')
  })

  it('refuses other text', () => {
    expect(() => bytesFromDataURL('image/png;base64,AAAA')).toThrow(TypeError)
  })
})

describe('formatSize', () => {
  it.each([
    [512, '512 B'],
    [1536, '1.5 KB'],
    [44168, '43 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
  ])('%d → %s', (n, want) => {
    expect(formatSize(n)).toBe(want)
  })
})
