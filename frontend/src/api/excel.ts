// Excel: the blank registration template, importing a filled table (dry run
// first, then all or nothing) and exporting the list's requests.
import * as Binding from '../wailsjs/go/app/ExcelApp'
import { request, xlsx } from '../wailsjs/go/models'
import { base64FromBytes, bytesFromWire } from '../lib/bytes'
import { capabilities, saveBytes, xlsxMime } from './files'
import { invoke } from './transport'
import type { Plain, RequestQuery } from './types'

const S = 'ExcelApp'

/** ExportKind names a table the list exports. */
export type ExportKind = 'registrations' | 'tracking' | 'feedback'
export const exportKinds: readonly ExportKind[] = ['registrations', 'tracking', 'feedback']

/** ImportReport says what an import did or, for a dry run, would do. */
export type ImportReport = Plain<request.ImportReport>
export type ImportProblem = Plain<request.ImportProblem>

// Files go out as base64 text, which Go reads into a []byte.
const wire = (file: Uint8Array) => base64FromBytes(file) as unknown as number[]

/** excelTemplate returns the blank registration template. */
export function excelTemplate(): Promise<Uint8Array> {
  return invoke<unknown>(S, 'Template', [], () => Binding.Template()).then(bytesFromWire)
}

/** dryRunImport checks a workbook and reports what an import would do, writing nothing. */
export function dryRunImport(file: Uint8Array): Promise<ImportReport> {
  const b = wire(file)
  return invoke(S, 'DryRun', [b], () => Binding.DryRun(b))
}

/** importWorkbook imports a workbook: every row, or nothing when any row has a problem. */
export function importWorkbook(file: Uint8Array): Promise<ImportReport> {
  const b = wire(file)
  return invoke(S, 'Import', [b], () => Binding.Import(b))
}

/** ExportStatus is a background export's progress: rows written of total, and its state. */
export type ExportStatus = Plain<xlsx.JobStatus> & { state: 'running' | 'done' | 'failed' | 'cancelled'; kind: ExportKind }

/** startExport begins writing the table of kind for every request q selects (its page is ignored); it returns at once. */
export function startExport(kind: ExportKind, q: RequestQuery): Promise<ExportStatus> {
  return invoke(S, 'StartExport', [kind, q], () => Binding.StartExport(kind, request.Query.createFrom(q)))
}

/** exportProgress says how far an export has got; a failed export rejects with its error. */
export function exportProgress(id: string): Promise<ExportStatus> {
  return invoke(S, 'ExportProgress', [id], () => Binding.ExportProgress(id))
}

/** cancelExport stops an export and deletes what it had written. */
export function cancelExport(id: string): Promise<void> {
  return invoke(S, 'CancelExport', [id], () => Binding.CancelExport(id))
}

/** exportResult fetches a finished export's workbook (once). */
export function exportResult(id: string): Promise<Uint8Array> {
  return invoke<unknown>(S, 'ExportResult', [id], () => Binding.ExportResult(id)).then(bytesFromWire)
}

/** saveExport moves a finished export where the user chooses with the native dialog (desktop); "" when cancelled. */
export function saveExport(id: string): Promise<string> {
  return invoke(S, 'SaveExport', [id], () => Binding.SaveExport(id))
}

/**
 * saveExported saves a finished export as fileName: moved where the user
 * chooses with the native dialog, or fetched and downloaded in a browser;
 * it resolves to where it went, "" when the user cancelled.
 */
export async function saveExported(id: string, fileName: string): Promise<string> {
  if (capabilities().nativeFiles) return saveExport(id)
  return saveBytes(fileName, await exportResult(id), xlsxMime)
}

/** exportCount returns how many rows an export of kind for q would have. */
export function exportCount(kind: ExportKind, q: RequestQuery): Promise<number> {
  return invoke(S, 'Count', [kind, q], () => Binding.Count(kind, request.Query.createFrom(q)))
}

/** excelFileName proposes the file name of an export of kind, or of the template. */
export function excelFileName(kind: ExportKind | 'template'): Promise<string> {
  return invoke(S, 'FileName', [kind], () => Binding.FileName(kind))
}
