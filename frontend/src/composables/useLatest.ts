// Only the latest answer counts: a list reloads as the user types or changes
// a filter, and an older call that answers late must not overwrite the newer
// one's rows, error or loading state.
import { ref, type Ref } from 'vue'

/** Latest runs calls of which only the most recent one's outcome is kept. */
export interface Latest {
  /** loading is true while the most recent call runs. */
  loading: Ref<boolean>
  /**
   * run calls fetch; apply gets its result and fail its error, each only if
   * no later run has started since. A throw in apply goes to fail as well.
   */
  run<T>(fetch: () => Promise<T>, apply: (v: T) => void, fail?: (e: unknown) => void): Promise<void>
}

/** useLatest returns a runner that keeps only the most recent call's outcome. */
export function useLatest(): Latest {
  const loading = ref(false)
  let seq = 0
  async function run<T>(fetch: () => Promise<T>, apply: (v: T) => void, fail?: (e: unknown) => void): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const v = await fetch()
      if (mine !== seq) return
      apply(v)
    } catch (e) {
      if (mine === seq) fail?.(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  return { loading, run }
}
