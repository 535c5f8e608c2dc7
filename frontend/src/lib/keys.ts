// Keyboard shortcuts of the forms.

/**
 * ctrlEnter returns a keydown handler that runs submit on Ctrl+Enter (⌘+Enter
 * on a Mac) while when() holds, and keeps the key from the field it was typed
 * in (a textarea would take it as a line break). Listen in the capture phase
 * on the form's container so that every field submits.
 */
export function ctrlEnter(submit: () => unknown, when: () => boolean = () => true): (e: KeyboardEvent) => void {
  return (e) => {
    if (!when() || e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return
    e.preventDefault()
    e.stopPropagation()
    void submit()
  }
}
