"""What the importer should read from each file of the shared real-report corpus (`../shared/corpus/`).

One entry per corpus file, keyed by file name, giving the expected value of a few JSON field paths of
the importer's output. The values were decided by reading each text (after the `# source / # unit /
# completeness` header that the tests strip), not from the corpus README's table, which holds a
reader's notes and sometimes inferred values.

Conventions (the importer is built to match them):

- Money is a decimal string in 万元 exactly as written ("16.20" keeps its trailing zero); scores are
  decimal strings; `fiscal_year` and staffing are ints; `report_date` is an ISO date string.
- `None` means the text is silent (often because the page was cut off). Nothing is computed: a total
  that is only implied by its parts (002's 项目支出, 010's 基本支出, 044's 编制) stays `None`.
- A web page's 发布日期 / 发布时间 / 时间 / 发文日期 metadata is page furniture, not the report date.
- Staffing labels are read by their head noun: "…编制数" / "…人员编制" / "核定编制" is the authorized
  total (even when prefixed by 实有, as in 026 and 029); "…人数" / "…人员" / "在职…" / "在编教师数" is the
  actual head count (so 008's "现有编制人员205人" is an actual head count, not an authorized total).
- A key left out of a file's entry is a value the text states but the importer does not read yet (the
  comment says which); it is never pinned as None.
- 项目支出 reports (031, 033, 036, 038 and most of 050–074): the funds made available for the year (资金总额, 下达, 投入预算,
  调整后预算数) are `budget.income.total`; the amount executed (拨付使用, 实际执行, 预算执行数) is both
  `budget.expenditure.total` and `budget.expenditure.project`; `budget.expenditure.basic` is `None`.

`KNOWN_ISSUES` at the bottom lists, per file, the inconsistencies a checker should report, each verified
in the text; mirror/OCR noise that is not the publisher's doing is left out unless it changes a value.
"""

EXPECTED: dict[str, dict[str, object]] = {
    # Name from the body title. 发布时间 2023-12-04 is page metadata: no report date. Income is the
    # "预算收入69.06" (57.28 + 11.78); the separate "其他资金来源21.31" is not added in. 项目支出 printed as "0".
    "001_zhuzhou_hetang_fulian_2022.txt": {
        "unit.name": "株洲市荷塘区妇女联合会",
        "fiscal_year": 2022,
        "report_date": None,
        "staffing.authorized_total": 3,
        "staffing.actual_total": 3,
        "budget.income.total": "69.06",
        "budget.expenditure.total": "76.36",
        "budget.expenditure.basic": "76.36",
        "budget.expenditure.project": "0",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Cover "部门(单位)名称:****" is masked by the mirror: name None. Cover date "2025年 6 月 16日".
    # "核定在职全额编制数6名" / "实有数6人". Income is "公共财政拨款资金共157.71"; "实际支出157.71";
    # 项目支出 (157.71 - 148.26) is cut off before it is printed: None.
    "002_anon_district_fulian_2024.txt": {
        "unit.name": None,
        "fiscal_year": 2024,
        "report_date": "2025-06-16",
        "staffing.authorized_total": 6,
        "staffing.actual_total": 6,
        "budget.income.total": "157.71",
        "budget.expenditure.total": "157.71",
        "budget.expenditure.basic": "148.26",
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "时间:2024-06-30" and the 发文日期 line belong to the page's metadata block: no report date.
    # Text stops inside the functions list: no staffing or money.
    "003_hunan_yjt_2023.txt": {
        "unit.name": "湖南省应急管理厅",
        "fiscal_year": 2023,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # No title; name from the line after "目 录" and the body. Year from "开展了2020年度部门绩效自评工作".
    "005_hunan_jcy_2020.txt": {
        "unit.name": "湖南省人民检察院",
        "fiscal_year": 2020,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Title "2024年南县自然资源局…". No 编制 figure at all; "实有人数128人" (13+5+85+25).
    "007_nanxian_zrzyj_2024.txt": {
        "unit.name": "南县自然资源局",
        "fiscal_year": 2024,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": 128,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "现有编制人员205人" is a head count of people (head noun 人员), and it includes 离休2 + 退休75, so it
    # goes to actual_total as literally stated (the checker flags the retirees); no authorized total.
    # "综合评分为97分", no grade word.
    "008_nanxian_czj_2020.txt": {
        "unit.name": "南县财政局",
        "fiscal_year": 2020,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": 205,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": "97",
        "self_assessment.grade": None,
    },
    # The report text names the unit only as "县政协"; "南县政协网站" and "作者:县政协办" are page
    # furniture, so no full name: None. Year from "2021年部门决算收支完成情况"; 发布时间 is metadata.
    # "收入:792.22", "支出:799.12"; 基本支出 is never printed (only 人员经费434.89 + 公用经费77.4): None.
    "010_nanxian_zhengxie_2021.txt": {
        "unit.name": None,
        "fiscal_year": 2021,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "792.22",
        "budget.expenditure.total": "799.12",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "286.83",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Cover form: 部门(单位)名称, "报告日期:2019年06月18日"; 人员编制 21 / 实有人数 21 as one cell per line.
    # The "2019-07-09" beside 来源 is page metadata.
    "011_yueyang_cgjdzhzx_2018.txt": {
        "unit.name": "岳阳市城市管理监督指挥中心",
        "fiscal_year": 2018,
        "report_date": "2019-06-18",
        "staffing.authorized_total": 21,
        "staffing.actual_total": 21,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Third-party evaluation ("我所"): the unit is the project's implementer named in the title and in
    # "(一)项目实施单位基本情况". Year from the cited notice "开展2021年度乡村振兴项目资金重点绩效评价";
    # the "(2022)" in the report number is the evaluation's own year, not the fiscal year.
    "013_longhui_rjhj_project_2021.txt": {
        "unit.name": "隆回县人居环境指挥部",
        "fiscal_year": 2021,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # The text never states the fiscal year (title has none; 发布日期2025-04-16 is metadata and a year is
    # not inferred from it). Only 〔2019〕 of a cited document appears.
    "015_luxi_sifaju_2024.txt": {
        "unit.name": "泸西县司法局",
        "fiscal_year": None,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # As 015: no fiscal year in the text, 发布日期 is metadata.
    "016_luxi_czj_2024.txt": {
        "unit.name": "泸西县财政局",
        "fiscal_year": None,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # As 015: no fiscal year in the text; cut right after "(二)机构设置及人员情况".
    "018_luxi_zfb_2024.txt": {
        "unit.name": "泸西县人民政府办公室",
        "fiscal_year": None,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "在编教师数为31 人" is the actual count (PDF space before 人); no 编制数 stated. 发布日期 is metadata.
    "021_kaiyuan_12zhong_2024.txt": {
        "unit.name": "开远市第十二中学校",
        "fiscal_year": 2024,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": 31,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "共有在职教师104人(含特岗教师8人)": 104 as stated (特岗 included); 退休39 is not added.
    "023_kaiyuan_lingquan_2023.txt": {
        "unit.name": "开远市灵泉中心校",
        "fiscal_year": 2023,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": 104,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Cover "部门(单位)全称:平泉市人民检察院 (公章)" (the 公章 mark is not part of the name), "(2023年度)",
    # "填报日期 2024年 2月26日". Cut at "人员情": no staffing. "承德市财政局制" under the cover form names who
    # made the form, not the unit: no short name, and it is no part of the title after it.
    "025_pingquan_jcy_2023.txt": {
        "unit.name": "平泉市人民检察院",
        "unit.short_name": None,
        "title": "部门整体支出绩效评价报告",
        "fiscal_year": 2023,
        "report_date": "2024-02-26",
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "实有编制数 63 人" is read as the 编制数 (head noun), "2021 年末在职人数 57 人" as the actual count;
    # 离退休94 is separate. The "2022" in the cited notice is the year of the exercise, not the fiscal year.
    "026_maoming_fgj_2021.txt": {
        "unit.name": "茂名市发展和改革局",
        "fiscal_year": 2021,
        "report_date": None,
        "staffing.authorized_total": 63,
        "staffing.actual_total": 57,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Name from the body ("德钦县人民代表大会常务委员会部门2022年末…"). "实有人员编制20人" is an
    # authorized total (head noun 编制; 行政编制20 + 事业编制0); no head count of people is stated.
    "029_deqin_rdcwh_2022_table.txt": {
        "unit.name": "德钦县人民代表大会常务委员会",
        "fiscal_year": 2022,
        "report_date": None,
        "staffing.authorized_total": 20,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Project report: "财政资金总额16.20" is income, "拨付使用16.20" is the spending (total = project).
    # 发布日期 2024-03-26 is metadata. "自评得分100分,自评结果为“优秀”".
    "031_changning_1xiao_project_2023.txt": {
        "unit.name": "昌宁县第一示范小学",
        "budget.execution_rate": "100",  # "预算执行率100%"
        "fiscal_year": 2023,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "16.20",
        "budget.expenditure.total": "16.20",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "16.20",
        "self_assessment.score": "100",
        "self_assessment.grade": "优秀",
    },
    # Project table: unit is the 实施单位 (主管部门 cell says "…本级"). Income is the 调整后预算数 251.89
    # (年初 238.93 superseded); 预算执行数 251.89 is total = project. 得分 cells are empty: no score.
    "033_qingshen_fgj_project_table_2023.txt": {
        "unit.name": "青神县发展和改革局",
        "budget.execution_rate": "100.00",  # the 预算执行率 column of the 总额 row
        "fiscal_year": 2023,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "251.89",
        "budget.expenditure.total": "251.89",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "251.89",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Province-level report on a central fund: the text never names a reporting unit (only "云南省…"),
    # so None. "投入…预算10441万元" is income; "实际执行9265.353442万元" is total = project.
    # 发布时间 is metadata.
    "036_yunnan_zaihai_project_2022.txt": {
        "unit.name": None,
        "fiscal_year": 2022,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "10441",
        "budget.expenditure.total": "9265.353442",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "9265.353442",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "衔接资金共下达105万元" is income. The execution paragraph only says payment was made per contract,
    # with no amount: spending None (not assumed to be 105).
    "038_haikou_xiuying_shuiwu_project_2022.txt": {
        "unit.name": "海口市秀英区水务局",
        "fiscal_year": 2022,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "105",
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Traditional text from a mirror; cover name "中共岳陽縣委宣傳部" in simplified. "報告日期: 2023    5  31"
    # lost 年/月/日 but is labelled: 2023-05-31 (the 2023-06-26 beside 來源 is page metadata).
    # 人員編制 23 / 實有人數 22.
    "040_yueyangxian_xcb_2022.txt": {
        "unit.name": "中共岳阳县委宣传部",
        "fiscal_year": 2022,
        "report_date": "2023-05-31",
        "staffing.authorized_total": 23,
        "staffing.actual_total": 22,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Spun content-farm copy; title "中共云南省委宣传部(2023年度)部门整体支出绩效自评报告" survives intact.
    # The one-word-per-line fragments ("2023", "年中", …) above it are site debris.
    "042_yunnan_swxcb_2023_spun.txt": {
        "unit.name": "中共云南省委宣传部",
        "fiscal_year": 2023,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Full name from the title (the body shortens it to "…自治县委办公室"). 编制 is given only as parts
    # (行政编制39 + 事业编制5) with no total: None. "在职实有32人"; 离退休16 not added.
    "044_xundian_xwb_2023.txt": {
        "unit.name": "中共寻甸回族彝族自治县委员会办公室",
        "fiscal_year": 2023,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": 32,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Name as the text gives it (short form, no longer form anywhere). "在职人员编制12人" (head noun 编制)
    # is authorized; "在职实有10人" is actual.
    "046_xundian_tzb_2024.txt": {
        "unit.name": "中共寻甸县委统战部",
        "fiscal_year": 2024,
        "report_date": None,
        "staffing.authorized_total": 12,
        "staffing.actual_total": 10,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Project table, cells run together. The 实施单位 "219001-池州市贵池区棠溪镇人民政府" without its code; "(2022年度)".
    # The 年度资金总额 row prints 0 for budget, execution and rate (its 财政拨款 row 90 / 89.974 / 89.974): the
    # project's funds and spending as the total row states them are 0 (the checker reports the disagreement). The
    # document-property timestamps at the top are no report date. Cut inside 满意度指标: no 总分.
    "050_chizhou_tangxizhen_weituo_2022_project_table.txt": {
        "unit.name": "池州市贵池区棠溪镇人民政府",
        "fiscal_year": 2022,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "0",
        "budget.expenditure.total": "0",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "0",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # The county and its bureaus are masked ("**河县", "****水务局"): no name. Three allocations (2263, 791, 5) under
    # three documents and no total of them: no income; no spending stated in the stored part.
    "053_huhehaote_masked_county_shuili_2023_project.txt": {
        "unit.name": None,
        "fiscal_year": 2023,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # A province's report on a central transfer ("中央下达我省"): no reporting unit named. "共计6800万元" is
    # income; "资金已执行4132.8万元" is total = project. 发布时间 is metadata.
    "055_hebei_slt_shuilijiuzai_2022_project.txt": {
        "unit.name": None,
        "fiscal_year": 2022,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "6800",
        "budget.expenditure.total": "4132.8",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "4132.8",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # Pipe table in 元: 387664.62 元 is 38.766462 万元, budget = execution. The 实施单位 reports; 总分 96, 评价等级 优.
    "057_yongde_minglang_zhongxue_yingyang_2022_project_table.txt": {
        "unit.name": "永德县明朗中学",
        "fiscal_year": 2022,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "38.766462",
        "budget.expenditure.total": "38.766462",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "38.766462",
        "self_assessment.score": "96",
        "self_assessment.grade": "优",
    },
    # Hunan 基础数据表 + 自评表, one cell per line. 编制数 46 / 2023年实际在职人数 50. 年度资金总额 by 收入性质 2030.12 is
    # income, by 支出性质 1925.67 the spending (基本 900.47 + 项目 1025.20). The 自评得分 10 of the 年度资金总额 row
    # scores the execution only; the table is cut before its 总分: no score. unit.name is not asserted: the form's
    # "预算部门、单位名称" cell (衡山县贯塘乡人民政府) stands in an appendix the importer does not read for the name yet.
    "058_hengshan_guantangxiang_2023_table.txt": {
        "fiscal_year": 2023,
        "report_date": None,
        "staffing.authorized_total": 46,
        "staffing.actual_total": 50,
        "budget.income.total": "2030.12",
        "budget.expenditure.total": "1925.67",
        "budget.expenditure.basic": "900.47",
        "budget.expenditure.project": "1025.20",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # An essay site's copy. "项目资金总预算为2455.5万元" is income; its 部门预算项目支出 87.5 and 专项预算支出 2350 are
    # budgets of two kinds of spending, not money spent: no spending. unit.name is not asserted: the text names
    # 绵阳市科学技术局 in its first sentence, which the importer does not read as the name yet.
    "060_mianyang_kjj_2021_project.txt": {
        "fiscal_year": 2021,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "2455.5",
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # An essay site's copy; the bureau is only "我局": no name. "合计批复总投资6222.4万元" is income; no spending.
    "062_lincheng_daolu_xianjie_2021_project.txt": {
        "unit.name": None,
        "fiscal_year": 2021,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "6222.4",
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # The title names the fund, not the unit (the text says only "省残联"): no name. No figures in the stored part;
    # "02.01.2020" under the title is the page's timestamp.
    "064_hubei_canlian_2018_project.txt": {
        "unit.name": None,
        "fiscal_year": 2018,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "共计下达中央、市级转移支付资金3580.69万元" is income; no spending in the stored part. 成文日期 / 发布日期 belong
    # to the page's metadata block.
    "066_zhongxian_mzj_zhuanyizhifu_2024_project.txt": {
        "unit.name": "忠县民政局",
        "fiscal_year": 2024,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "3580.69",
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "已兑现…14280元" is the spending, 1.4280 万元 ("到位资金14280元" is money received, no budget). unit.name is
    # not asserted: the title names "攀枝花市仁和区同德镇" (the 来源 line's 人民政府 is page furniture).
    "068_panzhihua_tongdezhen_linshijiuzhu_2021_project.txt": {
        "fiscal_year": 2021,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": "1.4280",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "1.4280",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "经费预算495.56万元" is income, "实际支出495.56万元" total = project. 发布日期 is metadata.
    "070_honghe_mzj_bianjing_2020_project.txt": {
        "unit.name": "红河州民政局",
        "fiscal_year": 2020,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": "495.56",
        "budget.expenditure.total": "495.56",
        "budget.expenditure.basic": None,
        "budget.expenditure.project": "495.56",
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # "学校现有在职教师251名" is the head count; no 编制 stated. 发布日期 is metadata; no money in the stored part.
    "072_kaiyuan_lebaidao_zxx_2024.txt": {
        "unit.name": "开远市乐白道中心校",
        "fiscal_year": 2024,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": 251,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
    # OCR table: the 项目实施单位 is 农业科 (the form's 单位名称 says 农业工作科). "年度财政资金总额1.561.56120" runs
    # 预算, 执行, 执行率 and 得分 together: no amount can be told apart, none is read. 总分 100.
    "074_unknown_district_changjiangjinbu_2020_project_table.txt": {
        "unit.name": "农业科",
        "fiscal_year": 2020,
        "report_date": None,
        "staffing.authorized_total": None,
        "staffing.actual_total": None,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": "100",
        "self_assessment.grade": None,
    },
    # "核定编制为45人" (37 + 8) and "实有在编在职工作人员40人" (公务员35 + 工勤5); no money in the stored part.
    "076_taoyuan_xwb_2020.txt": {
        "unit.name": "中共桃源县委办公室",
        "fiscal_year": 2020,
        "report_date": None,
        "staffing.authorized_total": 45,
        "staffing.actual_total": 40,
        "budget.income.total": None,
        "budget.expenditure.total": None,
        "budget.expenditure.basic": None,
        "budget.expenditure.project": None,
        "self_assessment.score": None,
        "self_assessment.grade": None,
    },
}


KNOWN_ISSUES: dict[str, list[str]] = {
    "001_zhuzhou_hetang_fulian_2022.txt": [
        "funds 69.06 + other 21.31 = 90.37 vs spent 76.36 with 结余结转 0: 14.01 unaccounted",
        "spent 76.36 exceeds 预算收入 69.06 by 7.30",
    ],
    "002_anon_district_fulian_2024.txt": [],
    "003_hunan_yjt_2023.txt": [
        "document number 湘财绩〔20241号 missing 〕",
    ],
    "005_hunan_jcy_2020.txt": [
        "目 录 with no entries; no 一、/(一) section headings in the body",
    ],
    "007_nanxian_zrzyj_2024.txt": [
        "document number 南财函〔202〕25号 has a 3-digit year",
        "unclosed ( before 南财函",
    ],
    "008_nanxian_czj_2020.txt": [
        "stated 直属事业单位10个 but lists 9",
        "县国库集中支付中心 listed both as 内设 unit and as 直属 unit",
        "编制人员 205 includes 离休2 + 退休75 (in service 128)",
    ],
    "010_nanxian_zhengxie_2021.txt": [
        "spending 799.12 exceeds income 792.22 by 6.90, no carry-over stated",
        "部门 report calls itself 本项目",
    ],
    "011_yueyang_cgjdzhzx_2018.txt": [
        "work items numbered 1,2,3,4,4,5 (duplicate 4.)",
    ],
    "013_longhui_rjhj_project_2021.txt": [
        "中发〔2018〕34号 cited as 全面落实 (title is 全面实施) 预算绩效管理的意见",
        "third-party 重点绩效评价, not a self-evaluation",
    ],
    "015_luxi_sifaju_2024.txt": [
        "fiscal year never stated",
        "functions still list 国家司法考试 (abolished 2018)",
    ],
    "016_luxi_czj_2024.txt": [
        "fiscal year never stated",
        "heading 部门职能职责 repeated as (一) and 1.",
    ],
    "018_luxi_zfb_2024.txt": [
        "fiscal year never stated",
    ],
    "021_kaiyuan_12zhong_2024.txt": [
        "missing 一、 before 部门基本情况",
        "三) instead of (三)",
    ],
    "023_kaiyuan_lingquan_2023.txt": [
        "document number 开财发〔2022296号 missing 〕",
    ],
    "025_pingquan_jcy_2023.txt": [
        "stated 8个内设机构 but lists 9, 办公室 twice",
        "template label (参考提纲) left in",
    ],
    "026_maoming_fgj_2021.txt": [],
    "029_deqin_rdcwh_2022_table.txt": [
        "functions copied from 全国人大常委会 (解释宪法, 监督国务院/最高法/最高检)",
        "typo 行驶 for 行使 (twice)",
        "(一)部门总目标 numbered inside (二), numbering restarts",
        "goal 6 ends 及时解。 (word cut)",
    ],
    "031_changning_1xiao_project_2023.txt": [
        "可持续影响 indicator 促进残疾人就业率 unrelated to a school fund",
        "satisfaction given only as ≥95% target, no actual value",
        "数量指标 is money received, not an output",
    ],
    "033_qingshen_fgj_project_table_2023.txt": [
        "完成值 and 得分 cells empty; score missing",
        "评价结论/存在问题/改进措施 still template instructions",
        "年度目标完成情况 and 实施过程 cells unfilled",
        "budget adjusted 238.93 -> 251.89 with no reason given",
    ],
    "036_yunnan_zaihai_project_2022.txt": [
        "flight hours 909.93 below target ≥928, yet 较好实现了年度目标",
        "central funds executed 7177.373442 of 8353 (85.93%)",
    ],
    "038_haikou_xiuying_shuiwu_project_2022.txt": [
        "amount spent never stated",
        "typo 拔入 for 拨入",
        "run of ? characters after output list",
    ],
    "040_yueyangxian_xcb_2022.txt": [
        "守好守好 duplicated",
        "预算编码 label garbled (預(yù)  碼)",
        "report date lost 年/月/日",
    ],
    "042_yunnan_swxcb_2023_spun.txt": [
        "synonym-spun text: 部门根本情况, 文化市场开展, 事业本位, 创立处",
    ],
    "044_xundian_xwb_2023.txt": [
        "目录 numbers 摘要 一、 and 部门概况 二、; body has 部门概况 一、",
        "template instruction 摘要(2000字以内) left in, no summary text",
    ],
    "046_xundian_tzb_2024.txt": [
        "duplicate (一): 部门基本情况 then 部门机构设置、编制",
        "body title 绩效评价报告 vs page title 绩效自评报告",
    ],
    "050_chizhou_tangxizhen_weituo_2022_project_table.txt": [
        "年度资金总额 row 0 / 0 / 0 while its 本年财政拨款 row reads 90 / 89.974 / 89.974",
        "uses 30 + 30 + 29.99 = 89.99 against the 89.97 completed",
    ],
    "053_huhehaote_masked_county_shuili_2023_project.txt": [
        "components add to 2253 against the 2263 allocated",
        "the 41号 allocation is 5万元 in one place and 6万元 in another",
        "numbering starts at (三)",
    ],
    "055_hebei_slt_shuilijiuzai_2022_project.txt": [
        "typo 是 for 时 (偏离原定绩效目标是)",
    ],
    "057_yongde_minglang_zhongxue_yingyang_2022_project_table.txt": [
        "资金到位及时率 100% meets its ≥100% yet scored 7 of 10",
        "政策知晓率 98% scored 9 (9.8 by the ratio)",
    ],
    "058_hengshan_guantangxiang_2023_table.txt": [
        "全年执行数 2030.12 (100%) but spending by nature is 1925.67",
        "在职 50 above 编制 46",
        "template placeholder rows left in (……, 每个专项一行)",
    ],
    "060_mianyang_kjj_2021_project.txt": [
        "87.5 + 2350 = 2437.5 against the stated total 2455.5",
    ],
    "062_lincheng_daolu_xianjie_2021_project.txt": [],
    "064_hubei_canlian_2018_project.txt": [
        "湖北残疾人联合会 missing 省",
        "a self-evaluation written by a commissioned company",
    ],
    "066_zhongxian_mzj_zhuanyizhifu_2024_project.txt": [],
    "068_panzhihua_tongdezhen_linshijiuzhu_2021_project.txt": [
        "garbled dates 220211231日, 2021年年1231日",
        "500/年 without a unit",
        "headings 、项目绩效情况 and 、评价结论及建议 lost their numerals",
    ],
    "070_honghe_mzj_bianjing_2020_project.txt": [
        "a 州 unit says 市级财政 / 市财政",
        "tables announced (如下:, 见下表:) are missing",
    ],
    "072_kaiyuan_lebaidao_zxx_2024.txt": [
        "typo 当于 for 相当于",
    ],
    "074_unknown_district_changjiangjinbu_2020_project_table.txt": [
        "title 长江禁捕项目 vs 项目名称 渔业成品油价格改革补贴",
        "单位名称 农业工作科 vs 实施单位 农业科",
    ],
    "076_taoyuan_xwb_2020.txt": [
        "a 2020 report says its 组室 are in the 2021 budget",
        "duties numbered (一)–(五) at the level of (二)单位主要职责",
    ],
}
