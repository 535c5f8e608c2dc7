// The quarterly value assessment of high-value needs (plan 004).
// Merged into en.ts as its `value` section; value.zh-CN.ts has the same keys.
export const value = {
  title: 'Quarterly value assessment',
  intro:
    'A need whose analysis scored customer or business value 4 or 5 is a high-value need, assessed every quarter: did the customer buy again, how much cost did it save, was it made into an improvement. The conversion rate on the dashboard and in the quarterly report reads these assessments: of the high-value needs assessed, the share made into an improvement (target ≥ 30%).',
  highValue: 'High-value need · assessed quarterly',
  quarter: 'Quarter',
  current: 'This quarter',
  summary: '{total} high-value needs this quarter: {done} assessed, {due} due, {converted} made into improvements',
  request: 'Request',
  customer: 'Customer',
  scores: 'Customer / business value',
  assessed: 'Quarters assessed',
  state: 'This quarter',
  due: 'Due',
  done: 'Assessed',
  assess: 'Assess',
  empty: 'No high-value need in this quarter (score customer or business value 4 or more in the analysis)',
  saved: 'The quarter’s value assessment was recorded',
  form: {
    title: '{number} · value assessment {quarter}',
    repeatPurchase: 'Repeat purchase',
    costSaved: 'Cost saved (yuan)',
    improvement: 'Made into an improvement',
    improvementNote: 'What was improved',
    note: 'Note',
    none: 'Not yet',
    save: 'Save assessment',
    cancel: 'Cancel',
  },
  improvement: {
    product: 'Product improvement',
    service: 'Service improvement',
    feature: 'New feature',
  },
  yes: 'Yes',
  no: 'No',
}
