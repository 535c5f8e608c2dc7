// The first-run guide on the home screen. Merged into zh-CN.ts as its
// `guide` section; guide.en.ts has the same keys.
export const guide = {
  title: '欢迎使用需求管家',
  intro: '四步准备好，就能登记第一条客户需求。每一步都可以跳过，以后在“设置”和“客户”里随时修改。',
  dismiss: '不再显示',
  step: {
    company: '公司',
    me: '您的姓名和角色',
    people: '同事',
    customer: '第一个客户',
    request: '第一条需求',
  },
  hint: {
    company: '公司名称印在每一份确认函、方案书和验收单的页眉上。',
    me: '您的姓名记为每一次修改的操作人；部门和角色决定“我的工作”里有哪些事（分类分配、审批、评审）。',
    people: '把负责需求、评审方案和审批的同事加进来，分配负责人时就能选到他们。',
    customer: '登记需求前先有客户：客户名称和第一位联系人。',
    request: '准备就绪。打开需求登记表，记下客户提出的第一条需求。',
  },
  companyPlaceholder: '例如：华东科技服务有限公司',
  saveNext: '保存，下一步',
  roles: '保存，填写部门和角色',
  meNow: '人员名单中的 {name}：',
  noDepartment: '未填部门',
  addPerson: '添加同事',
  next: '下一步',
  customersNow: '已有 {n} 个客户，可以直接下一步。',
  addCustomer: '添加客户',
  toIntake: '登记第一条需求',
  skip: '跳过这一步',
}
