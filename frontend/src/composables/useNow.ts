// A shared, slowly ticking "now" for remaining and overdue times, so that
// every clock on screen moves on without each component keeping a timer.
import { onScopeDispose, shallowRef, type Ref } from 'vue'

const now = shallowRef(new Date())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

/** useNow returns the current time, refreshed every 30 seconds while a component uses it. */
export function useNow(): Readonly<Ref<Date>> {
  if (users++ === 0) {
    now.value = new Date()
    timer = setInterval(() => {
      now.value = new Date()
    }, 30_000)
  }
  onScopeDispose(() => {
    if (--users === 0 && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  })
  return now
}
