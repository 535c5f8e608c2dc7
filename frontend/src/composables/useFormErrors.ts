// Errors of one form: the field errors shown beside the fields and the
// sentence shown on top. They are kept untranslated, so switching the
// language re-translates them.
import { computed, ref, shallowRef } from 'vue'
import { AppError, toAppError, type FieldError } from '../api/errors'
import { useTranslator } from '../i18n'
import { errorMessage, fieldMessages } from '../lib/fieldErrors'

export function useFormErrors(rename: (field: string) => string = (f) => f) {
  const tr = useTranslator()
  const list = shallowRef<FieldError[]>([])
  const error = shallowRef<AppError | null>(null)
  const clientCheck = ref(false)

  const fields = computed(() => fieldMessages(list.value, tr, rename))
  const message = computed(() => {
    if (!error.value) return ''
    return clientCheck.value ? tr.t('intake.checkFields') : errorMessage(error.value, tr)
  })

  /** fail records a rejected call and returns it as an AppError. */
  function fail(e: unknown): AppError {
    const err = toAppError(e)
    error.value = err
    list.value = err.fields
    clientCheck.value = false
    return err
  }

  /** check records client-side problems; it returns true when there are none. */
  function check(problems: FieldError[]): boolean {
    if (problems.length === 0) return true
    list.value = problems
    error.value = new AppError('invalid', '', problems)
    clientCheck.value = true
    return false
  }

  function clear() {
    list.value = []
    error.value = null
    clientCheck.value = false
  }

  /** clearField drops the problems of one field, once the user changed it. */
  function clearField(field: string) {
    if (list.value.some((e) => rename(e.field) === field)) {
      list.value = list.value.filter((e) => rename(e.field) !== field)
    }
  }

  /** status is the validation status of a field for Naive UI. */
  function status(field: string): 'error' | undefined {
    return fields.value[field] ? 'error' : undefined
  }

  return { fields, message, error, fail, check, clear, clearField, status }
}

export type FormErrors = ReturnType<typeof useFormErrors>
