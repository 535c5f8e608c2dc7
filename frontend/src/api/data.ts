// Data and backups: the backups beside the database, restoring one at the
// next start, backups to take away, and the choices for a damaged database.
import * as Binding from '../wailsjs/go/app/DataApp'
import * as System from '../wailsjs/go/app/SystemApp'
import { base64FromBytes, bytesFromWire } from '../lib/bytes'
import { capabilities, saveBytes } from './files'
import { invoke } from './transport'

const S = 'DataApp'

/** BackupFile is one backup in the folder beside the database. */
export interface BackupFile {
  path: string
  name: string
  at: string
  size: number
  automatic: boolean
  encrypted: boolean
}

/** BackupSummary says what a backup holds. */
export interface BackupSummary {
  schema: number
  requests: number
  customers: number
  lastChange: string
  /** when the backup was made, as recorded in it; the zero time for copies made before that was recorded */
  madeAt: string
  /** scans and photos of signed paper copies, and those whose file the backup lacks */
  attachments: number
  missingAttachments: number
}

/** PendingRestore is a restore that the next start will do. */
export interface PendingRestore {
  source: string
  summary: BackupSummary
  requestedAt: string
}

/** RestoreResult is how the last restore at start-up went. */
export interface RestoreResult {
  source: string
  at: string
  ok: boolean
  kept: string
  error: string
}

/** HealthReport is the start-up integrity check's verdict. */
export interface HealthReport {
  state: 'checking' | 'ok' | 'damaged'
  problems: string[] | null
  checkedAt: string
  advice: string[] | null
  readOnly: boolean
}

/** UploadState is how far a chunked upload has got; file is set once it is in. */
export interface UploadState {
  id: string
  received: number
  file: BackupFile | null
}

export function listBackups(): Promise<BackupFile[]> {
  return invoke<BackupFile[] | null>(S, 'Backups', [], () => Binding.Backups()).then((b) => b ?? [])
}

/** inspectBackup checks a backup (with its passphrase when encrypted) and summarises it. */
export function inspectBackup(name: string, passphrase: string): Promise<BackupSummary> {
  return invoke(S, 'InspectBackup', [name, passphrase], () => Binding.InspectBackup(name, passphrase))
}

/** stageRestore makes a backup the database of the next start. */
export function stageRestore(name: string, passphrase: string): Promise<PendingRestore> {
  return invoke(S, 'StageRestore', [name, passphrase], () => Binding.StageRestore(name, passphrase))
}

/** restoreLatest stages the newest sound unencrypted backup (for a damaged database). */
export function restoreLatest(): Promise<PendingRestore> {
  return invoke(S, 'RestoreLatest', [], () => Binding.RestoreLatest())
}

export function pendingRestore(): Promise<PendingRestore | null> {
  return invoke(S, 'PendingRestore', [], () => Binding.PendingRestore())
}

export function cancelRestore(): Promise<void> {
  return invoke(S, 'CancelRestore', [], () => Binding.CancelRestore())
}

export function lastRestore(): Promise<RestoreResult | null> {
  return invoke(S, 'LastRestore', [], () => Binding.LastRestore())
}

/** restartApp closes the desktop window and starts the program again. */
export function restartApp(): Promise<void> {
  return invoke(S, 'Restart', [], () => Binding.Restart())
}

/** pickBackupFile brings a file chosen with the native dialog into the backups folder; null when cancelled. */
export function pickBackupFile(): Promise<BackupFile | null> {
  return invoke(S, 'PickBackupFile', [], () => Binding.PickBackupFile())
}

/** uploadBackupChunk sends one piece of a backup file (serve mode). */
export function uploadBackupChunk(id: string, fileName: string, offset: number, bytes: Uint8Array, last: boolean): Promise<UploadState> {
  const b64 = base64FromBytes(bytes)
  return invoke(S, 'UploadBackup', [id, fileName, offset, b64, last], () =>
    Binding.UploadBackup(id, fileName, offset, b64 as unknown as number[], last),
  )
}

/** backupToFolder writes a backup into a folder chosen with the native dialog; "" when cancelled. */
export function backupToFolder(passphrase: string): Promise<string> {
  return invoke(S, 'BackupToFolder', [passphrase], () => Binding.BackupToFolder(passphrase))
}

/** downloadBackup makes a backup for the browser to save. */
export function downloadBackup(passphrase: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  return invoke<{ fileName: string; bytes: unknown }>(S, 'DownloadBackup', [passphrase], () => Binding.DownloadBackup(passphrase)).then(
    (d) => ({ fileName: d.fileName, bytes: bytesFromWire(d.bytes) }),
  )
}

/**
 * backupNow makes a backup and saves it: into a folder chosen with the
 * native dialog, or as a download in a browser. It resolves to the path (or
 * the file name downloaded), "" when the user cancelled.
 */
export async function backupNow(passphrase: string): Promise<string> {
  if (capabilities().nativeFiles) return backupToFolder(passphrase)
  const d = await downloadBackup(passphrase)
  return saveBytes(d.fileName, d.bytes, 'application/octet-stream')
}

/** openReadOnly keeps a damaged database open for reading only. */
export function openReadOnly(): Promise<HealthReport> {
  return invoke(S, 'OpenReadOnly', [], () => Binding.OpenReadOnly())
}

/** health returns the start-up integrity check's verdict. */
export function health(): Promise<HealthReport> {
  return invoke('SystemApp', 'Health', [], () => System.Health())
}
