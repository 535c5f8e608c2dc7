import { describe, expect, it } from 'vitest'
import { exportPNG, hasInk, inkBounds, pressureOf, widthAt, type Ink2D, type InkCanvas, type Stroke } from './signature'

/** fakeContext records the drawing calls instead of drawing. */
function fakeContext() {
  const calls: string[] = []
  const ctx: Ink2D = {
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    strokeStyle: '#000',
    fillStyle: '#000',
    beginPath: () => calls.push('begin'),
    moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
    stroke: () => calls.push('stroke'),
    arc: (x: number, y: number, r: number) => calls.push(`arc ${x},${y},${r}`),
    fill: () => calls.push('fill'),
    clearRect: () => calls.push('clear'),
    setTransform: ((a: number) => calls.push(`scale ${a}`)) as Ink2D['setTransform'],
  }
  return { ctx, calls }
}

function fakeCanvas() {
  const { ctx, calls } = fakeContext()
  const canvas: InkCanvas & { calls: string[] } = {
    width: 300,
    height: 150,
    calls,
    getContext: () => ctx,
    toDataURL: (type: string) => `data:${type};base64,AAAA`,
  }
  return canvas
}

const stroke = (...pts: [number, number][]): Stroke => pts.map(([x, y]) => ({ x, y, p: 0.5 }))

describe('pressure and width', () => {
  it('treats a mouse and a pen without pressure as medium', () => {
    expect(pressureOf(0, 'mouse')).toBe(0.5)
    expect(pressureOf(0.9, 'touch')).toBe(0.5)
    expect(pressureOf(0, 'pen')).toBe(0.5)
    expect(pressureOf(0.8, 'pen')).toBe(0.8)
  })

  it('widens the line with the pressure', () => {
    expect(widthAt(0.5, 2)).toBe(2)
    expect(widthAt(0, 2)).toBe(1)
    expect(widthAt(1, 2)).toBe(3)
    expect(widthAt(5, 2)).toBe(3)
  })
})

describe('inkBounds', () => {
  it('is null without ink', () => {
    expect(inkBounds([])).toBeNull()
    expect(inkBounds([[]])).toBeNull()
    expect(hasInk([[]])).toBe(false)
  })

  it('surrounds every stroke with the margin', () => {
    const strokes = [stroke([10, 20], [30, 25]), stroke([50, 5])]
    expect(hasInk(strokes)).toBe(true)
    expect(inkBounds(strokes, 4)).toEqual({ x: 6, y: 1, w: 48, h: 28 })
  })
})

describe('exportPNG', () => {
  it('returns null when nothing was drawn', () => {
    expect(exportPNG([], fakeCanvas)).toBeNull()
  })

  it('crops to the ink, scales and draws each segment', () => {
    let made: ReturnType<typeof fakeCanvas> | undefined
    const url = exportPNG([stroke([20, 30], [40, 30], [40, 50])], () => (made = fakeCanvas()), {
      scale: 2,
      margin: 5,
      ink: { color: '#000', width: 2 },
    })
    expect(url).toBe('data:image/png;base64,AAAA')
    // Box: 20-7 .. 40+7 by 30-7 .. 50+7 → 34 × 34 CSS pixels, 68 × 68 device pixels.
    expect(made?.width).toBe(68)
    expect(made?.height).toBe(68)
    expect(made?.calls).toEqual(['scale 2', 'begin', 'move 7,7', 'line 27,7', 'stroke', 'begin', 'move 27,7', 'line 27,27', 'stroke'])
  })

  it('draws a tap as a dot', () => {
    let made: ReturnType<typeof fakeCanvas> | undefined
    exportPNG([stroke([10, 10])], () => (made = fakeCanvas()), { scale: 1, margin: 0, ink: { color: '#000', width: 2 } })
    expect(made?.calls).toEqual(['scale 1', 'begin', 'arc 2,2,1', 'fill'])
  })
})
