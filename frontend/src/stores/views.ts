import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listViews, type CountedView } from '../api/links'

/** refreshMs is how often the navigation asks for the views' counts anyway (another laptop's sync, a colleague's change). */
export const refreshMs = 30_000

/**
 * useViewsStore holds the saved views of the request list with their counts
 * for the navigation. The counts are asked for again on every page the user
 * opens, after a view is saved or removed, and every 30 seconds; the backend
 * counts a view again only when the data changed since (store.Views), so
 * asking is cheap.
 */
export const useViewsStore = defineStore('views', () => {
  const views = ref<CountedView[]>([])
  const loaded = ref(false)
  let timer: ReturnType<typeof setInterval> | null = null
  let inFlight: Promise<void> | null = null

  function refresh(): Promise<void> {
    if (inFlight) return inFlight
    inFlight = listViews()
      .then((v) => {
        views.value = v
        loaded.value = true
      })
      .catch(() => undefined)
      .finally(() => {
        inFlight = null
      })
    return inFlight
  }

  function start() {
    void refresh()
    if (timer === null) timer = setInterval(() => void refresh(), refreshMs)
  }

  function stop() {
    if (timer !== null) clearInterval(timer)
    timer = null
  }

  return { views, loaded, refresh, start, stop }
})
