import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '../api/settings'
import { processRules, systemInfo } from '../api/system'
import type { Path, Process, Settings, SystemInfo, VocabItem, VocabKind, VocabLists } from '../api/types'
import { listOf } from '../lib/vocab'
import { useSessionStore } from './session'

/** useSettingsStore holds the installation's settings and word lists, which every screen uses. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null)
  const vocab = ref<VocabLists | null>(null)
  const info = ref<SystemInfo | null>(null)
  /** process is the process's rules the screens read (lib/process.ts, lib/stages.ts). */
  const process = ref<Process | null>(null)
  let loading: Promise<void> | null = null

  const session = useSessionStore()
  // On a network the logged-in person acts, not the serving machine's profile.
  const profileName = computed(() => session.user?.name ?? settings.value?.profileName ?? '')

  /** load fetches settings, lists and the process's rules once; later calls share the first. */
  function load(): Promise<void> {
    loading ??= Promise.all([api.getSettings(), api.getVocabularies(), processRules()])
      .then(([s, v, p]) => {
        settings.value = s
        vocab.value = v
        process.value = p
      })
      .catch((e: unknown) => {
        loading = null
        throw e
      })
    return loading
  }

  /** reload fetches settings, lists and rules afresh: after a laptop joined or left a team they are the team's, or its own again. */
  function reload(): Promise<void> {
    loading = null
    return load()
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
    process,
    profileName,
    load,
    reload,
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
