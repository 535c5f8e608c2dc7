import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { AppError, toAppError } from '../api/errors'
import { markNotifications, myNotifications, type MarkAction, type NotificationList } from '../api/notes'

/**
 * useNotificationsStore holds the bell's "mine": the notifications of the
 * person using the app (mentions, their work's clocks, assignments, reviews,
 * approvals, tasks), unread first, with their read and snooze marks, which
 * the backend keeps per person and shares with the team.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const list = ref<NotificationList>({ person: '', items: [], unread: 0, snoozed: 0 })
  const error = shallowRef<AppError | null>(null)
  const busy = ref(false)
  let pending: Promise<void> | null = null

  /** load fetches the list; calls while one is under way share it. */
  function load(): Promise<void> {
    pending ??= (async () => {
      try {
        list.value = await myNotifications()
        error.value = null
      } catch (e) {
        error.value = toAppError(e)
      } finally {
        pending = null
      }
    })()
    return pending
  }

  /** mark marks notifications read, unread or snoozed until an ISO moment; the list follows. */
  async function mark(keys: string[], action: MarkAction, until = ''): Promise<void> {
    if (keys.length === 0) return
    busy.value = true
    try {
      list.value = await markNotifications(keys, action, until)
      error.value = null
    } catch (e) {
      error.value = toAppError(e)
    } finally {
      busy.value = false
    }
  }

  return { list, error, busy, load, mark }
})
