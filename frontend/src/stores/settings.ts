import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '../api/settings'
import { systemInfo } from '../api/system'
import type { Path, Settings, SystemInfo, VocabItem, VocabKind, VocabLists } from '../api/types'
import { listOf } from '../lib/vocab'
import { useSessionStore } from './session'

/** useSettingsStore holds the installation's settings and word lists, which every screen uses. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null)
  const vocab = ref<VocabLists | null>(null)
  const info = ref<SystemInfo | null>(null)
  let loading: Promise<void> | null = null

  const session = useSessionStore()
  // On a network the logged-in person acts, not the serving machine's profile.
  const profileName = computed(() => session.user?.name ?? settings.value?.profileName ?? '')

  /** load fetches settings and lists once; later calls share the first. */
  function load(): Promise<void> {
    loading ??= Promise.all([api.getSettings(), api.getVocabularies()])
      .then(([s, v]) => {
        settings.value = s
        vocab.value = v
      })
      .catch((e: unknown) => {
        loading = null
        throw e
      })
    return loading
  }

  async function reloadVocab() {
    vocab.value = await api.getVocabularies()
  }

  async function loadInfo() {
    info.value = await systemInfo()
  }

  async function save(s: Settings) {
    settings.value = await api.saveSettings(s)
    return settings.value
  }

  function items(kind: VocabKind): VocabItem[] {
    return listOf(vocab.value, kind)
  }

  function replaceItem(it: VocabItem) {
    if (!vocab.value) return
    const list = listOf(vocab.value, it.kind as VocabKind)
    const i = list.findIndex((x) => x.id === it.id)
    if (i >= 0) list.splice(i, 1, it)
    else list.push(it)
  }

  async function addItem(kind: VocabKind, label: string) {
    const it = await api.addVocabItem(kind, label)
    replaceItem(it)
    return it
  }

  async function updateItem(it: VocabItem, label: string, active: boolean) {
    const next = await api.updateVocabItem(it.id, it.version, label, active)
    replaceItem(next)
    return next
  }

  /** setTypePath sets the path requests of a type take unless triage decides otherwise. */
  async function setTypePath(it: VocabItem, path: Path) {
    const next = await api.setTypePath(it.id, it.version, path)
    replaceItem(next)
    return next
  }

  async function reorder(kind: VocabKind, ids: string[]) {
    vocab.value = await api.reorderVocab(kind, ids)
  }

  return {
    settings,
    vocab,
    info,
    profileName,
    load,
    reloadVocab,
    loadInfo,
    save,
    items,
    addItem,
    updateItem,
    setTypePath,
    reorder,
  }
})
