// The quarterly value assessment of high-value needs (plan 004).
// Merged into zh-CN.ts as its `value` section; value.en.ts has the same keys.
export const value = {
  title: '季度价值评估',
  intro:
    '需求分析中客户价值或业务价值评为 4 分或 5 分的需求是高价值需求，每个季度评估一次：客户是否复购、节省了多少成本、是否已转化为改进。仪表盘和季度报告中的“需求转化率”按这些评估计算：做过评估的高价值需求中，评估认定已转化为改进的比例（目标 ≥ 30%）。',
  highValue: '高价值需求 · 每季度价值评估',
  quarter: '季度',
  current: '本季度',
  summary: '本季度高价值需求 {total} 条，已评估 {done} 条，待评估 {due} 条，已转化为改进 {converted} 条',
  request: '需求',
  customer: '客户',
  scores: '客户价值 / 业务价值',
  assessed: '已评估季度数',
  state: '本季度评估',
  due: '待评估',
  done: '已评估',
  assess: '评估',
  empty: '这个季度没有高价值需求（在需求分析中把客户价值或业务价值评为 4 分以上即可）',
  saved: '已记录本季度的价值评估',
  form: {
    title: '{number} · {quarter} 价值评估',
    repeatPurchase: '客户复购',
    costSaved: '节省成本（元）',
    improvement: '转化为改进',
    improvementNote: '改进内容',
    note: '备注',
    none: '尚未转化',
    save: '保存评估',
    cancel: '取消',
  },
  improvement: {
    product: '产品改进',
    service: '服务优化',
    feature: '新功能建议',
  },
  yes: '是',
  no: '否',
}
