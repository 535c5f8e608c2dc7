import { describe, expect, it } from 'vitest'
import { logoProblem, maxLogoBytes, sniffImage } from './logo'

const pngHead = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]
const jpegHead = [0xff, 0xd8, 0xff, 0xe0, 0, 16]

describe('sniffImage', () => {
  it('tells PNG and JPEG by their bytes', () => {
    expect(sniffImage(Uint8Array.from(pngHead))).toBe('image/png')
    expect(sniffImage(Uint8Array.from(jpegHead))).toBe('image/jpeg')
  })
  it('refuses other pictures and text named like pictures', () => {
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeNull()
    expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
    expect(sniffImage(Uint8Array.from(pngHead.slice(0, 4)))).toBeNull()
  })
})

describe('logoProblem', () => {
  it('accepts a small PNG', () => {
    expect(logoProblem(Uint8Array.from(pngHead))).toBeNull()
  })
  it('names what is wrong', () => {
    expect(logoProblem(new Uint8Array(0))).toBe('empty')
    expect(logoProblem(new TextEncoder().encode('hello'))).toBe('type')
    const big = new Uint8Array(maxLogoBytes + 1)
    big.set(jpegHead)
    expect(logoProblem(big)).toBe('size')
    expect(logoProblem(big.subarray(0, maxLogoBytes))).toBeNull()
  })
})
