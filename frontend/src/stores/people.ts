import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { listPeople, savePerson } from '../api/settings'
import type { Person, PersonFields, Role } from '../api/types'

/** usePeopleStore holds the people who work on requests, for the pickers and the settings. */
export const usePeopleStore = defineStore('people', () => {
  const people = ref<Person[]>([])
  const loaded = ref(false)
  let loading: Promise<void> | null = null

  const active = computed(() => people.value.filter((p) => p.active))

  /** load fetches the list once; later calls share the first, refresh fetches again. */
  function load(): Promise<void> {
    loading ??= refresh().catch((e: unknown) => {
      loading = null
      throw e
    })
    return loading
  }

  async function refresh() {
    people.value = await listPeople()
    loaded.value = true
  }

  async function save(id: string, version: number, f: PersonFields): Promise<Person> {
    const p = await savePerson(id, version, f)
    const i = people.value.findIndex((x) => x.id === p.id)
    if (i >= 0) people.value.splice(i, 1, p)
    else people.value.push(p)
    return p
  }

  /** byName finds a person by name. */
  function byName(name: string): Person | undefined {
    return people.value.find((p) => p.name === name)
  }

  /** rolesOf returns the roles of the named person (none when not on the list or retired). */
  function rolesOf(name: string): Role[] {
    const p = byName(name)
    return p && p.active ? (p.roles ?? []) : []
  }

  return { people, loaded, active, load, refresh, save, byName, rolesOf }
})
