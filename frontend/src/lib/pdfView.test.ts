import { describe, expect, it } from 'vitest'
import { clampScale, currentPage, fitWidthScale, maxScale, minScale, zoomIn, zoomOut } from './pdfView'

describe('pdf viewer sizing', () => {
  it('fits an A4 page (595 pt) to the pane less its gutters', () => {
    expect(fitWidthScale(1000, 595, 16)).toBeCloseTo(968 / 595)
    expect(fitWidthScale(627, 595, 16)).toBeCloseTo(1)
  })
  it('keeps the fitted scale within the zoom limits and defaults to 1 before sizes are known', () => {
    expect(fitWidthScale(0, 595)).toBe(1)
    expect(fitWidthScale(800, 0)).toBe(1)
    expect(fitWidthScale(20, 595, 16)).toBe(minScale)
    expect(fitWidthScale(100000, 595)).toBe(maxScale)
    expect(clampScale(Number.NaN)).toBe(1)
  })
  it('zooms in and out by steps, from a fitted scale to the next step', () => {
    expect(zoomIn(1)).toBe(1.1)
    expect(zoomOut(1)).toBe(0.9)
    expect(zoomIn(1.627)).toBe(1.75)
    expect(zoomOut(1.627)).toBe(1.5)
    expect(zoomIn(maxScale)).toBe(maxScale)
    expect(zoomOut(minScale)).toBe(minScale)
  })
  it('names the page whose top has passed the upper third of the pane', () => {
    const tops = [0, 1100, 2200, 3300]
    expect(currentPage(tops, 0, 900)).toBe(1)
    expect(currentPage(tops, 900, 900)).toBe(2)
    expect(currentPage(tops, 3000, 900)).toBe(4)
    expect(currentPage([], 0, 900)).toBe(0)
  })
})
