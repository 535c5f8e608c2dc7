// A one-click change of a record (marking a task or sub-requirement done):
// saved at once, refused changes shown with the backend's sentence.
import { useMessage } from 'naive-ui'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { toAppError } from '../../api/errors'
import { saveRecord, type BodyOf, type RecordKind, type StageRecord } from '../../api/records'
import { useTranslator } from '../../i18n'
import { errorMessage } from '../../lib/fieldErrors'
import { useWorkspace } from './workspace'

export function useQuickSave() {
  const { t } = useI18n()
  const tr = useTranslator()
  const message = useMessage()
  const ws = useWorkspace()
  const busy = ref('')

  async function quickSave<K extends RecordKind>(r: StageRecord<K>, patch: Partial<BodyOf[K]>) {
    if (busy.value) return
    busy.value = r.id
    try {
      await saveRecord({ requestId: r.requestId, kind: r.kind, id: r.id, version: r.version, parentId: r.parentId, body: { ...r.body, ...patch } })
      message.success(t('records.saved', { kind: t(`enums.recordKind.${r.kind}`) }))
      await ws.reload()
    } catch (e) {
      const err = toAppError(e)
      message.error(errorMessage(err, tr), { duration: 6000 })
      if (err.code === 'conflict') await ws.reload()
    } finally {
      busy.value = ''
    }
  }

  return { busy, quickSave }
}
