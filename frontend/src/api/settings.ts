// Settings: the local profile, request numbering and the editable word lists.
import * as Binding from '../wailsjs/go/app/SettingsApp'
import { settings } from '../wailsjs/go/models'
import { invoke } from './transport'
import type { Settings, VocabItem, VocabKind, VocabLists } from './types'

const S = 'SettingsApp'

/** getSettings returns the current settings. */
export function getSettings(): Promise<Settings> {
  return invoke(S, 'Get', [], () => Binding.Get())
}

/** saveSettings validates and stores the settings, returning them as stored. */
export function saveSettings(s: Settings): Promise<Settings> {
  return invoke(S, 'Save', [s], () => Binding.Save(settings.Settings.createFrom(s)))
}

/** previewNumber returns the number the first request received now would get under pattern and device. */
export function previewNumber(pattern: string, device: string): Promise<string> {
  return invoke(S, 'PreviewNumber', [pattern, device], () => Binding.PreviewNumber(pattern, device))
}

/** getVocabularies returns every word list, retired items included. */
export function getVocabularies(): Promise<VocabLists> {
  return invoke(S, 'Vocabularies', [], () => Binding.Vocabularies())
}

/** addVocabItem appends label to the list of kind. */
export function addVocabItem(kind: VocabKind, label: string): Promise<VocabItem> {
  return invoke(S, 'AddVocabItem', [kind, label], () => Binding.AddVocabItem(kind, label))
}

/** updateVocabItem renames an item or retires/reactivates it. */
export function updateVocabItem(id: string, version: number, label: string, active: boolean): Promise<VocabItem> {
  return invoke(S, 'UpdateVocabItem', [id, version, label, active], () =>
    Binding.UpdateVocabItem(id, version, label, active),
  )
}

/** reorderVocab puts the list of kind in the order of ids and returns every list. */
export function reorderVocab(kind: VocabKind, ids: string[]): Promise<VocabLists> {
  return invoke(S, 'ReorderVocab', [kind, ids], () => Binding.ReorderVocab(kind, ids))
}
