// Reading an import report for the import dialog: what the summary shows,
// where each problem sits, and whether the import may go ahead.
import type { MessageRef } from '../api/errors'
import type { ImportProblem, ImportReport } from '../api/excel'
import { messageText } from './fieldErrors'
import type { Translator } from './translate'

/** canConfirm is true for a dry run that found rows and no problem: only then may the import run. */
export function canConfirm(r: ImportReport | null): boolean {
  return !!r && r.dryRun && r.problemCount === 0 && (r.problems?.length ?? 0) === 0 && r.rows > 0
}

/** SummaryKey names a count of the report's summary, in the order shown. */
export type SummaryKey = 'rows' | 'created' | 'updated' | 'skipped' | 'customersCreated' | 'contactsCreated' | 'invalidRows'

/** summaryItems lists the report's counts in the order shown; invalid rows only when there are any. */
export function summaryItems(r: ImportReport): { key: SummaryKey; n: number }[] {
  const keys: SummaryKey[] = ['rows', 'created', 'updated', 'skipped', 'customersCreated', 'contactsCreated']
  const out = keys.map((key) => ({ key, n: r[key] ?? 0 }))
  if (r.invalidRows > 0) out.push({ key: 'invalidRows', n: r.invalidRows })
  return out
}

/** cellRef is the problem's cell as Excel names it (C5), its row (5) or "" for the whole sheet or file. */
export function cellRef(p: Pick<ImportProblem, 'row' | 'column'>): string {
  if (p.row > 0 && p.column) return `${p.column}${p.row}`
  if (p.row > 0) return String(p.row)
  return p.column
}

/** hiddenProblems counts the problems the report counted but did not list. */
export function hiddenProblems(r: ImportReport): number {
  return Math.max(0, r.problemCount - (r.problems?.length ?? 0))
}

/**
 * problemMessage says what is wrong in the UI's language: the backend's
 * message key with its params translated, else (a report from before keys)
 * the backend's Chinese sentence.
 */
export function problemMessage(p: { message: string; ref?: MessageRef }, tr: Translator): string {
  return messageText({ key: p.ref?.key ?? '', params: p.ref?.params ?? {} }, tr) ?? p.message
}

/** noteTexts are the report's notes in the UI's language: each note's key translated, else its Chinese sentence. */
export function noteTexts(r: { notes?: string[]; noteKeys?: MessageRef[] }, tr: Translator): string[] {
  return (r.notes ?? []).map((n, i) => {
    const ref = r.noteKeys?.[i]
    return (ref && messageText({ key: ref.key, params: ref.params ?? {} }, tr)) ?? n
  })
}

/** problemsText renders the problems as tab-separated lines, to copy into a message or a spreadsheet. */
export function problemsText(r: ImportReport, headings: [string, string, string, string, string, string], tr: Translator): string {
  const clean = (s: string | number) => String(s).replace(/[\t\r\n]+/g, ' ')
  const lines = [headings.join('\t')]
  for (const p of r.problems ?? []) {
    lines.push([p.sheet, p.row > 0 ? p.row : '', p.column, p.header, p.value, problemMessage(p, tr)].map(clean).join('\t'))
  }
  return lines.join('\n')
}
