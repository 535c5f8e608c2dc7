import { describe, expect, it } from 'vitest'
import type { Doc } from '../api/documents'
import { docFileName, latestOf, panelDocTypes, safeFileName, shortHash, statusTagType, versionsOf } from './documents'

function doc(type: string, version: number): Doc {
  return { type, version, id: `${type}-${version}` } as unknown as Doc
}

describe('panelDocTypes', () => {
  it('gives each stage the documents it produces', () => {
    expect(panelDocTypes.analysis).toEqual(['analysis_letter'])
    expect(panelDocTypes.plan).toEqual(['plan_book', 'plan_letter'])
    expect(panelDocTypes.feedback).toEqual(['survey_blank', 'survey'])
    const all = Object.values(panelDocTypes).flat()
    expect(new Set(all).size).toBe(all.length)
    expect(all).not.toContain('registration_list')
  })
})

describe('versions', () => {
  const docs = [doc('analysis_letter', 1), doc('plan_book', 1), doc('analysis_letter', 3), doc('analysis_letter', 2)]

  it('lists one type newest first', () => {
    expect(versionsOf(docs, 'analysis_letter').map((d) => d.version)).toEqual([3, 2, 1])
  })

  it('finds the latest or none', () => {
    expect(latestOf(docs, 'analysis_letter')?.version).toBe(3)
    expect(latestOf(docs, 'acceptance')).toBeNull()
  })
})

describe('docFileName', () => {
  it('joins the Chinese title and the document number', () => {
    expect(docFileName({ title: '需求分析确认函', docNumber: 'XR-2026-311-FX-V2', requestNumber: 'XR-2026-311', version: 2 })).toBe(
      '需求分析确认函_XR-2026-311-FX-V2.pdf',
    )
  })

  it('falls back to the request number and version', () => {
    expect(docFileName({ title: '交付验收单', docNumber: '', requestNumber: 'XR-2026-7', version: 1 })).toBe('交付验收单_XR-2026-7-V1.pdf')
  })

  it('removes characters file systems refuse', () => {
    expect(safeFileName('方案/书:V1?')).toBe('方案_书_V1_')
    expect(safeFileName(' ..')).toBe('_')
  })
})

describe('small helpers', () => {
  it('shortens hashes and colours statuses', () => {
    expect(shortHash('68630c491dbbd9c3018e7ed470d0')).toBe('68630c491dbb')
    expect(statusTagType('generated')).toBe('default')
    expect(statusTagType('signed_on_screen')).toBe('success')
    expect(statusTagType('signed_on_paper')).toBe('info')
  })
})
