// Updates of the program: where it stands, checking now, downloading on the
// user's word, the update address, and restarting to switch (desktop).
import * as Binding from '../wailsjs/go/app/UpdateApp'
import { invoke } from './transport'
import type { UpdateStatus } from './types'

const U = 'UpdateApp'

/** updateStatus says where the program stands: the version, a newer one found, one downloaded. */
export function updateStatus(): Promise<UpdateStatus> {
  return invoke(U, 'Status', [], () => Binding.Status())
}

/** checkUpdate looks for a newer signed release now. */
export function checkUpdate(): Promise<UpdateStatus> {
  return invoke(U, 'Check', [], () => Binding.Check())
}

/** downloadUpdate downloads the release found, checks its signature and SHA-256, and stages it for the next start. */
export function downloadUpdate(): Promise<UpdateStatus> {
  return invoke(U, 'Download', [], () => Binding.Download())
}

/** setUpdateAddress keeps the address updates come from while not in a team ('' for none). */
export function setUpdateAddress(address: string): Promise<UpdateStatus> {
  return invoke(U, 'SetAddress', [address], () => Binding.SetAddress(address))
}

/** restartToUpdate closes the window and starts the program again, which switches to the staged release. */
export function restartToUpdate(): Promise<void> {
  return invoke(U, 'Restart', [], () => Binding.Restart())
}
