// Settings: the local profile, request numbering, the editable word lists,
// and the people who work on requests with their roles.
import * as Binding from '../wailsjs/go/app/SettingsApp'
import { people, settings } from '../wailsjs/go/models'
import { base64FromBytes, bytesFromWire } from '../lib/bytes'
import { invoke } from './transport'
import type { Path, Person, PersonFields, Settings, VocabItem, VocabKind, VocabLists } from './types'

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

/** setTypePath sets the path requests of a type take unless triage decides otherwise. */
export function setTypePath(id: string, version: number, path: Path): Promise<VocabItem> {
  return invoke(S, 'SetTypePath', [id, version, path], () => Binding.SetTypePath(id, version, path))
}

/** listPeople returns everyone who works on requests, active first, by name. */
export function listPeople(): Promise<Person[]> {
  return invoke<Person[] | null>(S, 'People', [], () => Binding.People()).then((p) => p ?? [])
}

/** savePerson adds a person (id "") or saves an edit; version is the one the form was loaded with. */
export function savePerson(id: string, version: number, f: PersonFields): Promise<Person> {
  return invoke(S, 'SavePerson', [id, version, f], () => Binding.SavePerson(id, version, people.Fields.createFrom(f)))
}

/** LogoInfo describes the company logo: type sniffed from its bytes, size, pixels and fingerprint. */
export interface LogoInfo {
  mime: string
  size: number
  width: number
  height: number
  sha256: string
}

/** getCompanyLogo returns the logo printed on documents with its bytes, or null when none is set. */
export function getCompanyLogo(): Promise<{ info: LogoInfo; bytes: Uint8Array } | null> {
  return invoke<{ info: LogoInfo; bytes: unknown } | null>(S, 'CompanyLogo', [], () => Binding.CompanyLogo()).then((l) =>
    l ? { info: l.info, bytes: bytesFromWire(l.bytes) } : null,
  )
}

/** setCompanyLogo stores a PNG or JPEG as the logo of documents generated from now on. */
export function setCompanyLogo(bytes: Uint8Array): Promise<LogoInfo> {
  const wire = base64FromBytes(bytes)
  return invoke(S, 'SetCompanyLogo', [wire], () => Binding.SetCompanyLogo(wire as unknown as number[]))
}

/** removeCompanyLogo prints documents generated from now on without a logo. */
export function removeCompanyLogo(): Promise<void> {
  return invoke(S, 'RemoveCompanyLogo', [], () => Binding.RemoveCompanyLogo())
}
