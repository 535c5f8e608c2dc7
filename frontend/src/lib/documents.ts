// Which documents each stage of the request workspace produces, how their
// versions are grouped and named, and which stage record a customer's
// signature on a confirmation letter belongs to.
import type { Doc, DocStatus, DocType } from '../api/documents'

/** DocPanel names the workspace panels that produce documents. */
export type DocPanel = 'basic' | 'analysis' | 'plan' | 'result' | 'delivery' | 'feedback' | 'archive'

/** panelDocTypes lists, per panel, the documents its stage produces, in the order shown. */
export const panelDocTypes: Record<DocPanel, readonly DocType[]> = {
  basic: ['registration'],
  analysis: ['analysis_letter'],
  plan: ['plan_book', 'plan_letter'],
  result: ['result_note'],
  delivery: ['acceptance'],
  feedback: ['survey_blank', 'survey'],
  archive: ['archive'],
}

/** versionsOf returns the versions of type t among docs, newest first. */
export function versionsOf(docs: readonly Doc[], t: DocType): Doc[] {
  return docs.filter((d) => d.type === t).sort((a, b) => b.version - a.version)
}

/** latestOf returns the newest version of type t, or null when none was generated. */
export function latestOf(docs: readonly Doc[], t: DocType): Doc | null {
  return versionsOf(docs, t)[0] ?? null
}

/** statusTagType colours a document's status. */
export function statusTagType(s: DocStatus | string): 'default' | 'success' | 'info' {
  if (s === 'signed_on_screen') return 'success'
  if (s === 'signed_on_paper') return 'info'
  return 'default'
}

/** shortHash is the first 12 hex digits of a SHA-256, enough to compare a printed copy by eye. */
export function shortHash(sha: string): string {
  return sha.slice(0, 12)
}

// Characters Windows, macOS and Linux file systems refuse or mangle.
const unsafe = /[\\/:*?"<>|\u0000-\u001f]+/g

/** safeFileName replaces characters file systems refuse and trims what would be a hidden or empty name. */
export function safeFileName(name: string): string {
  const s = name.replace(unsafe, '_').replace(/^[.\s]+|[.\s]+$/g, '')
  return s === '' ? '_' : s
}

/**
 * docFileName is the name a version is saved under: its Chinese title and
 * its document number, which holds the request number, the type's code and
 * the version (需求分析确认函_XR-2026-311-FX-V1.pdf).
 */
export function docFileName(d: Pick<Doc, 'title' | 'docNumber' | 'requestNumber' | 'version'>): string {
  const id = d.docNumber || `${d.requestNumber}-V${d.version}`
  return `${safeFileName(`${d.title}_${id}`)}.pdf`
}

