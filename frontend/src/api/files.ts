// What this window can do with files beyond calling the backend. The desktop
// window (Wails) has the native dialogs and the system's viewer and can
// restart the program; a browser (reqdesk serve) downloads what the app made
// and uploads what the user brings. Screens ask for the capability or call
// the function here and never ask which transport they run on.
import { offer } from '../lib/download'
import { openFileNative, saveFileNative } from './system'
import { usesWails } from './transport'

/** Capabilities says what this window can do. */
export interface Capabilities {
  /** openLocally: a file can be handed to the system's viewer (to print a PDF at the customer's desk). */
  openLocally: boolean
  /** restart: the program can restart itself (to do a restore staged for the next start). */
  restart: boolean
  /**
   * nativeFiles: files are chosen and saved with the native dialogs, where the
   * user picks a folder; otherwise they are uploaded from the page and saved
   * as downloads.
   */
  nativeFiles: boolean
}

/** capabilities says what this window can do (w is the window, for tests). */
export function capabilities(w: unknown = globalThis.window): Capabilities {
  const desktop = usesWails(w)
  return { openLocally: desktop, restart: desktop, nativeFiles: desktop }
}

/**
 * saveBytes saves bytes (a PDF, a workbook) as a file named name: in the
 * desktop window through the native save dialog, resolving to the chosen path
 * ("" when the user cancelled); in a browser as a download, resolving to name.
 */
export async function saveBytes(name: string, bytes: Uint8Array, type: string): Promise<string> {
  if (capabilities().nativeFiles) return saveFileNative(name, bytes)
  offer(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
  return name
}

/** saveText saves text as a file named name; see saveBytes. */
export function saveText(name: string, text: string, type = 'application/json'): Promise<string> {
  return saveBytes(name, new TextEncoder().encode(text), `${type};charset=utf-8`)
}

/** openLocally opens bytes in the system's viewer; only where capabilities().openLocally. */
export function openLocally(name: string, bytes: Uint8Array): Promise<void> {
  return openFileNative(name, bytes)
}

export const pdfMime = 'application/pdf'
export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
