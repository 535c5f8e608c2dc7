package apperr

// Messages is the one list of the sentences errors and guards carry, by
// message key, in Chinese with {name} placeholders for their params. The UI
// translates the same keys from frontend/src/locales/errors.*.json (zh-CN
// and en), which a test keeps equal to this list; the Chinese here is what
// the command line and logs show.
var Messages = map[string]string{
	// Generic.
	"check_fields":    "输入有误，请检查标出的字段",
	"internal_error":  "内部错误，请稍后重试；如反复出现请联系管理员",
	"not_found":       "{thing}不存在或已被删除",
	"stale":           "{thing}已被其他人修改，请刷新后再编辑",
	"db_read_only":    "数据库已损坏，目前以只读方式打开，不能保存修改；请先恢复备份",
	"draft_too_large": "草稿过大",

	// The lifecycle: why a step is refused, and where to enter what it needs.
	"step_refused":                      "不能{action}：{reason}",
	"step_not_from_status":              "当前状态“{status}”不能执行“{action}”；现在可以执行：{steps}",
	"step_not_from_closed":              "需求已{status}，不能再执行“{action}”",
	"step_no_target":                    "不能{action}：无法确定目标状态",
	"step_unknown":                      "未知的操作：{action}",
	"comment_too_long":                  "说明过长，最多 {max} 个字",
	"plan_none_to_approve":              "没有可批准的方案：请先在“服务方案”页编写方案",
	"guard_department_required":         "请先选择负责部门",
	"guard_owner_required":              "请指定需求负责人",
	"guard_breakdown_required":          "请先在“需求分析”页拆分子需求，或在分析评分中勾选“无需拆分子需求”",
	"guard_analysis_letter_required":    "请先在“需求分析”页填写需求分析确认函的核心需求和预计交付时间",
	"guard_analysis_signature_required": "请先在“需求分析”页记录客户代表签字确认的姓名和日期",
	"guard_comment_required":            "请填写说明",
	"guard_reason_required":             "请填写原因",
	"guard_follow_up_required":          "请填写计划跟进日期",
	"guard_plan_required":               "请先在“服务方案”页编写服务方案书",
	"guard_plan_incomplete":             "方案书还缺：{missing}；请在“服务方案”页补写后再提交",
	"guard_reviews_pending":             "以下部门尚未给出评审意见：{departments}；请在“服务方案”页记录它们的评审意见",
	"guard_revision_asked":              "有评审意见要求修改或否决，请先“退回修订方案”",
	"guard_manager_only":                "只有总经理可以{action}（总经理：{names}）。请由总经理操作：在“设置 → 操作人与公司”中把操作人改为总经理（局域网模式下用总经理的账号登录），或在“设置 → 人员与角色”中给“{actor}”加上总经理角色",
	"guard_manager_none":                "只有总经理可以{action}，但人员名单中还没有总经理：请在“设置 → 人员与角色”中添加总经理或给“{actor}”加上总经理角色，再以总经理身份操作",
	"guard_plan_signature_required":     "请先在“服务方案”页记录客户代表签字确认方案的姓名和日期",
	"guard_team_lead_required":          "请先在“实施”页的“服务团队”中添加成员，并指定一位组长",
	"guard_tasks_open":                  "还有 {n} 项实施任务未完成（见“实施”页）",
	"guard_delivery_required":           "请先在“交付验收”页填写交付内容",
	"guard_acceptance_required":         "请先在“交付验收”页记录客户验收通过（交付验收单）",
	"guard_result_note_required":        "请先在“处理结果”页填写处理结果说明",
	"guard_archive_acceptance_missing":  "缺少客户验收通过的交付验收单（在“交付验收”页记录）",
	"guard_archive_result_missing":      "缺少处理结果说明（在“处理结果”页填写）",
	"guard_feedback_required":           "请先在“满意度反馈”页记录客户满意度反馈，或注明未能取得反馈的原因",
	"guard_feedback_unsolved":           "客户反馈问题未解决，请“重新处理”而不是归档",

	// Stage records.
	"record_kind_unknown":   "未知的记录类型：{kind}",
	"record_body_invalid":   "记录内容格式不对：{detail}",
	"records_read_only":     "需求已{status}，记录只读",
	"plan_locked":           "方案正在{status}，不能修改；如需修改请先退回修订",
	"record_exists":         "该记录已存在，请刷新后编辑",
	"plan_version_exists":   "已有当前版本的方案，新版本通过“退回修订方案”产生",
	"plan_superseded":       "第 {version} 版方案已被新版本取代，不能再修改",
	"dependencies_open":     "所依赖的事项尚未完成：{items}",
	"plan_versions_kept":    "方案版本须留档，不能删除",
	"record_has_dependents": "还有其他事项依赖它，请先解除依赖",
	"record_has_children":   "请先删除它的下级记录",

	// Customers, people, lists, accounts.
	"customer_duplicate":     "已有同名客户“{name}”",
	"person_duplicate":       "已有同名人员",
	"account_duplicate":      "已有同名账号：{name}",
	"vocab_duplicate":        "列表中已有同名项",
	"vocab_kind_unknown":     "未知的列表：{kind}",
	"vocab_order_stale":      "列表已被修改，请刷新后再排序",
	"path_invalid":           "流程只能是完整流程或简易流程",
	"vocab_path_only_types":  "只有需求类型有默认流程",
	"number_pattern_invalid": "编号规则设置有误，请在设置中修改：{pattern}",

	// Time limits and calendars.
	"holidays_year_missing": "{year} 年没有节假日安排",
	"policy_duplicate":      "已有相同紧急程度、类型和渠道的时限策略",
	"policy_base_kept":      "紧急程度的通用时限策略不能删除，只能修改",

	// Documents and attachments.
	"document_type_unknown":     "未知的文档类型：{type}",
	"document_list_empty":       "没有符合条件的需求，无法生成《{title}》",
	"document_list_too_long":    "符合条件的需求有 {n} 条，一次最多打印 {max} 条，请缩小筛选范围",
	"document_plan_unapproved":  "服务方案（第 {version} 版）尚未经总经理批准，无法生成《{title}》",
	"document_needs":            "需求 {number} 还没有{missing}，无法生成《{title}》",
	"document_no_signature":     "《{title}》没有签字栏，无需签字",
	"document_sign_latest_only": "只能在《{title}》的最新版本上签字，请刷新后再签",
	"request_number_unknown":    "没有编号为 {number} 的需求",
	"attachment_missing":        "附件“{name}”的文件不在附件文件夹 {dir} 中，请从备份恢复",
	"attachment_corrupt":        "附件“{name}”的文件已损坏（内容与登记的指纹不符），请从备份恢复",

	// Access.
	"forbidden_role":     "无权执行此操作：需要以下角色之一：{roles}",
	"forbidden_role_one": "无权执行此操作：需要「{role}」角色",
	"forbidden_network":  "此操作不对网络用户开放",
	"login_required":     "请先登录",
	"login_expired":      "登录已过期，请重新登录",
	"login_missing":      "请输入账号和密码",
	"bad_credentials":    "密码错误或账号不存在",
	"account_disabled":   "账号已停用，请联系管理员",
	"login_locked":       "尝试次数过多，请 {minutes} 分钟后再试",
	"password_bad_chars": "密码含有无法使用的字符",
	"password_too_short": "密码至少 {min} 个字符",
	"password_too_long":  "密码最多 {max} 个字符",
	"password_is_name":   "密码不能与账号名相同",

	// Excel import: notes on what was read in a way the user may not expect.
	"import_note":                  "{text}",
	"import_note_sheets_skipped":   "以下工作表中没有登记表的表头，未导入：{sheets}",
	"import_note_urgencies":        "紧急程度的写法已对应为：{mappings}",
	"import_note_urgency_word":     "{word} 按“{urgency}”（{n} 行）",
	"import_note_titles_split":     "{n} 行的需求描述超过 {max} 字：前 {first} 字作为简要描述，全文记入“详细描述”",
	"import_note_columns_renamed":  "工作表“{sheet}”的列名与模板不同，已按含义读取：{columns}",
	"import_note_column_read_as":   "“{header}”按“{label}”读取",
	"import_note_columns_unknown":  "工作表“{sheet}”中未识别的列没有导入：{headers}",
	"import_note_column_twice":     "工作表“{sheet}”：{column}列“{header}”与{first}列重复，只读取了{first}列",
	"import_note_channel_inferred": "{n} 行没有填写渠道，已按联系方式记为“电话”或“邮件”",
	"import_note_relabeled":        "{label}“{from}”按“{to}”导入（{n} 行）",
	"import_note_stale":            "{n} 条新需求接收于 {days} 天以前且未结束，导入后会显示为超过处理时限；已经处理完的，请在“初步处理状态”中填写“已归档”",
	"import_note_status_kept":      "{n} 条已有需求在表中的处理状态与系统不同：状态只能在应用中按流程推进，导入不改变它",
	"import_note_problems_cut":     "共有 {n} 个问题，只列出了前 {shown} 个",

	// Serve mode: calls the server cannot take.
	"cross_site_refused":   "拒绝来自其他网站的请求",
	"login_not_needed":     "本机模式不需要登录",
	"request_malformed":    "请求格式不对",
	"method_unknown":       "没有这个接口",
	"method_unknown_named": "没有这个接口：{name}",
	"post_only":            "只接受 POST 请求",
	"json_only":            "请求须为 JSON",
	"call_mark_missing":    "缺少调用标记，拒绝请求",
	"request_incomplete":   "请求没有完整收到，请重试",
	"token_required":       "需要访问令牌：请使用 reqdesk serve 启动时打印的链接打开（链接只能打开一次；换用浏览器请重新启动 reqdesk serve）",
	"file_too_large":       "文件过大（上限 {max}）",
	"request_too_large":    "请求过大（上限 {max}）",
	"args_not_array":       "请求参数不是有效的 JSON 数组",
	"args_count":           "参数个数不对：需要 {want} 个，收到 {got} 个",
	"arg_invalid":          "{label}：{want}",
	"arg_position":         "第 {n} 个参数",
	"arg_field":            "字段“{path}”",
	"arg_item":             "第 {n} 项的{label}",
	"arg_want_time":        "日期格式不对，应为 2024-03-15T14:30:00+08:00 这样带时区的日期和时间",
	"arg_want_integer":     "应为整数",
	"arg_want_number":      "应为数字",
	"arg_want_bool":        "应为是或否（true / false）",
	"arg_want_text":        "应为文字",
	"arg_want_base64":      "文件内容格式不对（应为 base64 文本）",
	"arg_want_list":        "应为列表",
	"arg_want_format":      "格式不对",

	// The desktop shell, files, backups.
	"desktop_only":           "只有桌面版提供此功能",
	"window_not_ready":       "窗口尚未就绪，请稍后再试",
	"file_write_failed":      "无法写入 {path}：{detail}",
	"file_read_failed":       "无法读取 {path}：{detail}",
	"backup_not_found":       "备份文件 {name} 不存在",
	"backup_none":            "没有可用的备份：{detail}",
	"backup_none_plain":      "备份文件夹 {dir} 中没有未加密的备份",
	"backup_unusable":        "{name} 不是可用的需求管家备份：{detail}",
	"backup_busy":            "刚刚已导入过一个备份，请稍候再试",
	"backup_failed":          "备份失败：{detail}",
	"restore_unreadable":     "不能从 {name} 恢复：{detail}",
	"upload_chunk_too_large": "上传的分块过大",
	"upload_from_start":      "上传须从文件开头开始",
	"upload_gone":            "上传已中断，请重新选择文件",
	"upload_gap":             "上传数据不连续，请重新选择文件",
	"upload_too_large":       "备份文件过大，无法通过浏览器上传；请把它复制到 {dir} 后在列表中选择",
	"passphrase_too_short":   "加密口令至少 {min} 个字符",
	"passphrase_wrong":       "备份文件已加密：口令缺失或不正确",
	"backup_decrypt_failed":  "解密失败：加密的备份文件不完整或已损坏（可能没有复制完），请换一个备份",
	"export_gone":            "导出任务不存在或已结束，请重新导出",
	"export_unfinished":      "导出尚未完成",

	// Excel import: a problem at a cell, row or column of the table.
	"import_number_repeated":      "需求编号 {number} 在表中重复出现（工作表“{sheet}”第 {row} 行已有）",
	"import_required":             "{label}不能为空",
	"import_too_long":             "{label}过长（{n} 字），最多 {max} 字",
	"import_inactive":             "{label}“{value}”已停用；可选：{allowed}",
	"import_not_in_list":          "{label}“{value}”不在列表中；可选：{allowed}（也可以先在“设置 → 列表”中添加）",
	"import_not_a_choice":         "{label}“{value}”不是可选的值",
	"import_contact_info_invalid": "联系方式“{value}”不是有效的电话号码或邮箱：电话请只用数字、空格、+、-、括号，分机写在号码后，如“转 123”“分机 123”“ext. 123”",
	"import_email_invalid":        "邮箱地址“{value}”格式不对",
	"import_in_future":            "接收时间 {value} 晚于现在，请检查日期",
	"import_too_early":            "接收时间 {value} 早于 2000 年，请检查日期（日期可能被 Excel 当成了数字）",
	"import_invalid_text":         "{label}中有无法识别的字符（可能是乱码），请检查",
	"import_control_chars":        "{label}中有看不见的控制字符，请删去后再导入",
	"import_single_line":          "{label}只能写一行，请删去其中的换行",
	"import_not_a_person":         "{label}“{value}”不在人员名单中，请先在“设置 → 人员”中添加，或改为名单中的人",
	"import_person_inactive":      "{label}“{value}”已停用，请改为在职的人员",
	"import_invalid":              "{label}不符合要求（{key}）",
	"import_invalid_content":      "内容不符合要求",
	"import_request_closed":       "需求 {number} 的状态是“{status}”，不能再通过导入修改；表中与系统不同的内容：{fields}",
	"import_column_missing":       "表中没有“{label}”列，{n} 条新需求缺少它；请在表头加上这一列并填写",
	"import_cell_too_long":        "单元格有 {n} 个字，超过 Excel 单元格的上限 {max} 字，内容可能已被截断；请精简后再导入",
	"import_number_spaces":        "需求编号中不能有空格或换行",
	"import_number_too_long":      "需求编号过长，最多 {max} 个字符",
	"import_status_unknown":       "无法识别的处理状态“{value}”；可填：{choices}（留空为“已登记”）",
	"import_urgency_unknown":      "无法识别的紧急程度“{value}”；可填：{choices}",
	"import_scope_unknown":        "无法识别的影响范围“{value}”；可填：{choices}",
	"import_date_unknown":         "无法识别的日期“{value}”；请写成 2024-03-15、2024/3/15 或 2024年3月15日（可带时间，如 2024-03-15 14:30）",

	// The company logo.
	"logo_missing":    "请选择公司标志的图片文件（PNG 或 JPEG）",
	"logo_too_large":  "公司标志图片不能超过 {max} KB（所选文件 {size} KB），请缩小后再上传",
	"logo_not_image":  "公司标志只能是 PNG 或 JPEG 图片",
	"logo_unreadable": "无法读取这张图片，文件可能已损坏",
	"logo_too_wide":   "公司标志图片为 {width}×{height} 像素，宽和高都不能超过 {max} 像素",
}

// Things names the kinds of record a "not found" or "changed meanwhile"
// message is about, by code, in Chinese (the UI has them as errors.things).
var Things = map[string]string{
	"request":  "需求",
	"customer": "客户",
	"contact":  "联系人",
	"person":   "人员",
	"vocab":    "列表项",
	"record":   "记录",
	"document": "文档",
	"policy":   "时限策略",
	"report":   "报告",
	"issued":   "已出具的报告",
	"account":  "账号",
	"session":  "会话",
	"file":     "附件",
}

// Thing is the kind of record code as a Term for a message.
func Thing(code string) Term {
	name, ok := Things[code]
	if !ok {
		name = code
	}
	return Term{Kind: "errors.things", Code: code, Name: name}
}
