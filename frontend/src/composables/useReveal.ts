// A refusal shown at the top of a long form is out of view when the user
// pressed save at the bottom: nothing seems to happen. useReveal brings the
// alert into view whenever it appears, and says what happened in a notice
// where the user is looking.
import { nextTick, useTemplateRef, watch, type ComponentPublicInstance } from 'vue'

/** revealElement scrolls el (an element or a component) into the middle of its scrolling area. */
export function revealElement(el: Element | ComponentPublicInstance | null | undefined): void {
  const node = el && '$el' in el ? (el.$el as Element | null) : (el as Element | null | undefined)
  node?.scrollIntoView?.({ block: 'center', behavior: 'smooth' })
}

/**
 * useReveal watches the alert with template ref name: whenever shown()
 * turns truthy the alert is scrolled into view and notify (if given) is
 * called with its value, e.g. to show a notice.
 */
export function useReveal<T>(name: string, shown: () => T, notify?: (value: T) => void): void {
  const el = useTemplateRef<Element | ComponentPublicInstance>(name)
  watch(shown, async (v) => {
    if (!v) return
    notify?.(v)
    await nextTick()
    revealElement(el.value)
  })
}
