// The join form of 设置 → 团队同步: check the server first (its team and,
// over https, the certificate fingerprint the user compares and pins), then
// join with an account and this device's code and name. Problems are said
// beside their fields, each naming its field; nothing is sent while one is
// left.
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { AppError, toAppError, type FieldError } from '../api/errors'
import { probeServer } from '../api/sync'
import type { JoinInput, ProbeResult, SyncStatus } from '../api/types'
import { useTranslator } from '../i18n'
import { errorMessage, fieldMessage } from '../lib/fieldErrors'
import { joinFieldMessage, joinProblems, normalizeServer, serverProblem } from '../lib/sync'
import { useSyncStore } from '../stores/sync'

// Refusals that belong to one field of the form.
const keyedFields: Record<string, keyof JoinInput> = {
  sync_device_code_taken: 'deviceCode',
  sync_device_code_required: 'deviceCode',
  sync_server_url_invalid: 'server',
  sync_unreachable: 'server',
  bad_credentials: 'password',
  login_locked: 'password',
}

export function useJoinForm(deviceCode: () => string) {
  const tr = useTranslator()
  const sync = useSyncStore()

  const form = reactive<JoinInput>({
    server: '',
    user: '',
    password: '',
    deviceCode: deviceCode(),
    deviceName: '',
    fingerprint: '',
  })
  const probe = shallowRef<ProbeResult | null>(null)
  /** confirmed: the user ticked that the fingerprint matches the server's. */
  const confirmed = ref(false)
  const probing = ref(false)
  const joining = ref(false)
  const problems = shallowRef<FieldError[]>([])
  const failure = shallowRef<AppError | null>(null)
  /** notice is a step left out (check the server, confirm the fingerprint), as a message key. */
  const notice = ref('')
  let probed = ''

  // Another address is another server: check it again.
  watch(
    () => normalizeServer(form.server),
    (s) => {
      if (s === probed) return
      probe.value = null
      confirmed.value = false
      form.fingerprint = ''
    },
  )

  const fields = computed(() => {
    const out: Record<string, string> = {}
    for (const fe of problems.value) {
      out[fe.field] ??= joinFieldMessage(fe, tr, (x) => fieldMessage(x, tr))
    }
    const e = failure.value
    const field = e ? keyedFields[e.key] : undefined
    if (e && field) out[field] ??= errorMessage(e, tr)
    return out
  })
  const message = computed(() => {
    if (notice.value) return tr.t(notice.value)
    const e = failure.value
    if (!e) return ''
    if (e.fields.length > 0 && e.key === '') return tr.t('errors.keys.check_fields')
    return errorMessage(e, tr)
  })

  function clearField(field: string) {
    problems.value = problems.value.filter((p) => p.field !== field)
    if (failure.value && keyedFields[failure.value.key] === field) failure.value = null
    notice.value = ''
  }

  /** runProbe checks the server address and asks the server for its team and certificate. */
  async function runProbe(): Promise<boolean> {
    notice.value = ''
    failure.value = null
    const p = serverProblem(form.server)
    problems.value = p ? [p, ...problems.value.filter((x) => x.field !== 'server')] : problems.value.filter((x) => x.field !== 'server')
    if (p) return false
    const server = normalizeServer(form.server)
    probing.value = true
    try {
      const r = await probeServer(server)
      probed = server
      probe.value = r
      form.fingerprint = r.tls ? r.fingerprint : ''
      confirmed.value = false
      return true
    } catch (e) {
      const err = toAppError(e)
      failure.value = err
      problems.value = err.fields.filter((f) => f.field === 'server')
      probe.value = null
      return false
    } finally {
      probing.value = false
    }
  }

  /** submit joins the team; it resolves to the status after joining, or null when something was wrong. */
  async function submit(): Promise<SyncStatus | null> {
    if (joining.value) return null
    notice.value = ''
    failure.value = null
    problems.value = joinProblems(form)
    if (problems.value.length > 0) return null
    const p = probe.value
    if (!p) {
      notice.value = 'sync.join.probeFirst'
      return null
    }
    if (p.tls && p.fingerprint !== '' && !confirmed.value) {
      notice.value = 'sync.join.confirmFirst'
      return null
    }
    joining.value = true
    try {
      const s = await sync.join({
        server: normalizeServer(form.server),
        user: form.user.trim(),
        password: form.password,
        deviceCode: form.deviceCode.trim().toUpperCase(),
        deviceName: form.deviceName.trim(),
        fingerprint: p.tls ? p.fingerprint : '',
      })
      form.password = ''
      return s
    } catch (e) {
      const err = toAppError(e)
      failure.value = err
      problems.value = err.fields
      return null
    } finally {
      joining.value = false
    }
  }

  return { form, probe, confirmed, probing, joining, fields, message, clearField, runProbe, submit }
}
