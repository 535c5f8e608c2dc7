// System: what program is running and where its data lives.
import * as Binding from '../wailsjs/go/app/SystemApp'
import { base64FromBytes } from '../lib/bytes'
import { invoke } from './transport'
import type { Process, SystemInfo } from './types'

/** systemInfo returns the program version, data directory, database path and schema version. */
export function systemInfo(): Promise<SystemInfo> {
  return invoke('SystemApp', 'Info', [], () => Binding.Info())
}

/** processRules returns the process's rules the screens read instead of copying them (request.Rules). */
export function processRules(): Promise<Process> {
  return invoke('SystemApp', 'Process', [], () => Binding.Process())
}

/**
 * saveFileNative asks where to save bytes with the desktop's native dialog
 * and writes them there; it resolves to the path, or "" when cancelled.
 * Only the desktop window has it (see usesWails).
 */
export function saveFileNative(name: string, bytes: Uint8Array): Promise<string> {
  const b64 = base64FromBytes(bytes)
  // Go's []byte travels as base64 text, whatever the generated type says.
  return invoke('SystemApp', 'SaveFile', [name, b64], () => Binding.SaveFile(name, b64 as unknown as number[]))
}

/** openFileNative opens bytes in the system's viewer (to print a PDF); desktop only. */
export function openFileNative(name: string, bytes: Uint8Array): Promise<void> {
  const b64 = base64FromBytes(bytes)
  return invoke('SystemApp', 'OpenFile', [name, b64], () => Binding.OpenFile(name, b64 as unknown as number[]))
}
