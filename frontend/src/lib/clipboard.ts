// Copying text to the clipboard: through the Wails runtime in the desktop
// window (its web view may not grant navigator.clipboard), the browser's
// clipboard in serve mode.
import { usesWails } from '../api/transport'
import { ClipboardSetText } from '../wailsjs/runtime/runtime'

/** copyText puts text on the clipboard and resolves to whether it got there. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (usesWails()) return await ClipboardSetText(text)
    const clip = globalThis.navigator?.clipboard
    if (!clip) return false
    await clip.writeText(text)
    return true
  } catch {
    return false
  }
}
