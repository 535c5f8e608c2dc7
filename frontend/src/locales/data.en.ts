// Data and files (see data.zh-CN.ts): the same keys in English.
import type { data as zh } from './data.zh-CN'

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> }

export const data: Leaves<typeof zh> = {
  export: {
    progress: '{written} of {total} rows written',
    saving: 'All {total} rows written; building the file…',
    cancel: 'Cancel export',
    cancelled: 'Export cancelled; no file was saved',
    notSaved: 'No place chosen; the exported table was not saved',
  },
  logo: {
    label: 'Company logo',
    help: 'Printed at the left of every document header. PNG or JPEG, at most {max}; documents already generated keep their logo.',
    choose: 'Choose picture',
    replace: 'Replace picture',
    remove: 'Remove logo',
    removeConfirm: 'Documents generated from now on will print no logo. Remove it?',
    none: 'No logo set',
    saved: 'Company logo updated; documents generated from now on use it',
    removed: 'Company logo removed',
    describe: '{mime}, {width}×{height} px, {size}',
    problem: {
      empty: 'The chosen file is empty',
      type: 'The logo must be a PNG or JPEG picture',
      size: 'The logo may be at most {max}; the chosen file is {size}',
    },
  },
}
