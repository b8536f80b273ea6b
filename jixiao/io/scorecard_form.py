"""The 部门整体支出绩效自评表's labels and layout: one definition for its reader (`xlsx_reader`), its writer
(`render.xlsx`), the drafter of its appendix (`render.draft`) and the project form (`project_form`), which
shares its goals, indicator and total parts."""

FORM_TITLE = "部门整体支出绩效自评表"
SHEET_NAME = "自评表"
META_SHEET = "jixiao"
META_FORMAT = "jixiao-zipingbiao/1"
QUALITATIVE_OPTIONS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")
NOT_APPLICABLE = "不适用"

UNIT_LABEL = "部门（单位）名称"
YEAR_LABEL = "年度"
BUDGET_HEADINGS = ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")
BUDGET_ROW_LABEL = "年度资金总额"
TARGETS_LABEL = "预期目标"
ACHIEVEMENTS_LABEL = "实际完成情况"
INDICATOR_HEADINGS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
TOTAL_LABEL = "总分"
SELF_GRADE_LABEL = "自评等级"

