// What the 同步冲突 inbox does with one conflict: apply it again on the
// server's current state, copy the user's text, or discard it after a
// confirmation. The view hands in Naive UI's message and dialog.
import { ref } from 'vue'
import { toAppError } from '../api/errors'
import type { Conflict } from '../api/types'
import { useTranslator } from '../i18n'
import { copyText } from '../lib/clipboard'
import { errorMessage } from '../lib/fieldErrors'
import { conflictReason, conflictTitle } from '../lib/syncConflict'
import { useSyncStore } from '../stores/sync'

/** Notices is the slice of Naive UI's useMessage the actions use. */
export interface Notices {
  success: (text: string) => unknown
  warning: (text: string) => unknown
  error: (text: string) => unknown
}

/** Confirm is the slice of Naive UI's useDialog the actions use. */
export interface Confirm {
  warning: (opts: {
    title: string
    content: string
    positiveText: string
    negativeText: string
    onPositiveClick: () => Promise<boolean | void> | boolean | void
  }) => unknown
}

export function useConflictActions(message: Notices, dialog: Confirm) {
  const tr = useTranslator()
  const sync = useSyncStore()
  /** busy is the id of the conflict an action runs on, "" when none. */
  const busy = ref('')

  const failed = (e: unknown) => message.error(tr.t('sync.inbox.actionFailed', { reason: errorMessage(toAppError(e), tr) }))

  /** retry applies the command again on the server's current state; one refused again stays, with its new reason. */
  async function retry(c: Conflict) {
    busy.value = c.id
    try {
      if (await sync.resolve(c.id, 'retry')) {
        message.success(tr.t('sync.inbox.retried'))
      } else {
        const again = sync.conflictList.find((x) => x.id === c.id)
        message.warning(tr.t('sync.inbox.stillConflict', { reason: again ? conflictReason(again, tr) : '' }))
      }
    } catch (e) {
      failed(e)
    } finally {
      busy.value = ''
    }
  }

  /** copy puts the text the user typed on the clipboard. */
  async function copy(c: Conflict) {
    if (c.text !== '' && (await copyText(c.text))) message.success(tr.t('sync.inbox.copied'))
    else message.error(tr.t('sync.inbox.copyFailed'))
  }

  /** discard asks first, then drops the command for good. */
  function discard(c: Conflict) {
    dialog.warning({
      title: tr.t('sync.inbox.discardTitle'),
      content: tr.t('sync.inbox.discardText', { what: conflictTitle(c, tr) }),
      positiveText: tr.t('sync.inbox.discardConfirm'),
      negativeText: tr.t('common.cancel'),
      onPositiveClick: async () => {
        busy.value = c.id
        try {
          await sync.resolve(c.id, 'discard')
          message.success(tr.t('sync.inbox.discarded'))
        } catch (e) {
          failed(e)
          return false
        } finally {
          busy.value = ''
        }
      },
    })
  }

  return { busy, retry, copy, discard }
}
