// System: what program is running and where its data lives.
import * as Binding from '../wailsjs/go/app/SystemApp'
import { invoke } from './transport'
import type { SystemInfo } from './types'

/** systemInfo returns the program version, data directory, database path and schema version. */
export function systemInfo(): Promise<SystemInfo> {
  return invoke('SystemApp', 'Info', [], () => Binding.Info())
}
