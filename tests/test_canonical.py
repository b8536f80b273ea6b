"""The canonical files: YAML and JSON read back exactly what was printed, and the printer is a fixed point.

Round trips compare `to_plain(..., full=True)`, which holds `str()` of every Decimal: "0.50" and "0.5" are
different values here, as they are in a report.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given

from jixiao.core.errors import InputError
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from jixiao.io.canonical import dumps_json, dumps_yaml, json_schema, loads_json, loads_yaml, to_plain
from tests import support
from tests.strategies import evaluations, project_evaluations

CJK = re.compile(r"[\u4e00-\u9fff]")

DESIGN_PATHS = support.DESIGN_PATHS
AMOUNT_PATHS = [
    "budget.initial",
    "budget.adjusted",
    "budget.income.total",
    "budget.expenditure.total",
    "budget.expenditure.basic",
    "budget.expenditure.project",
    "self_assessment.score",
]


@pytest.fixture(scope="module")
def seed() -> Evaluation:
    return load_report(support.seed_path())


# ---------------------------------------------------------------------------------------------- properties


@given(evaluations())
def test_every_evaluation_reads_back_from_its_yaml_and_prints_the_same_text_again(
    evaluation: Evaluation,
) -> None:
    text = dumps_yaml(evaluation)
    again = loads_yaml(text)
    assert to_plain(again, full=True) == to_plain(evaluation, full=True), text
    assert dumps_yaml(again) == text


@given(evaluations())
def test_every_evaluation_reads_back_from_its_json_and_prints_the_same_text_again(
    evaluation: Evaluation,
) -> None:
    text = dumps_json(evaluation)
    again = loads_json(text)
    assert to_plain(again, full=True) == to_plain(evaluation, full=True)
    assert dumps_json(again) == text


@given(project_evaluations())
def test_every_project_evaluation_reads_back_from_its_yaml_and_json_with_its_funds_by_source(
    evaluation: Evaluation,
) -> None:
    text = dumps_yaml(evaluation)
    again = loads_yaml(text)
    assert again.kind == "项目支出"
    assert to_plain(again, full=True) == to_plain(evaluation, full=True), text
    assert dumps_yaml(again) == text
    assert to_plain(loads_json(dumps_json(evaluation)), full=True) == to_plain(evaluation, full=True)


@given(project_evaluations())
def test_the_json_schema_accepts_the_json_of_every_project_evaluation(evaluation: Evaluation) -> None:
    jsonschema.Draft202012Validator(json_schema()).validate(json.loads(dumps_json(evaluation)))


def test_the_json_schema_names_both_kinds_and_the_sources_of_project_funds() -> None:
    schema = json_schema()
    assert schema["properties"]["kind"]["anyOf"][0]["enum"] == ["部门整体", "项目支出"]
    fund_line = schema["$defs"]["FundLine"]["properties"]
    assert fund_line["source"]["enum"] == ["财政拨款", "上级补助", "本级安排", "上年结转", "其他资金"]
    assert {"received", "funds", "department", "implementer"} <= set(schema["$defs"]["ProjectInfo"]["properties"])


@given(evaluations())
def test_the_json_schema_accepts_the_json_of_every_evaluation(evaluation: Evaluation) -> None:
    jsonschema.Draft202012Validator(json_schema()).validate(json.loads(dumps_json(evaluation)))


# ---------------------------------------------------------------------------------------------- the seed


def test_the_seed_round_trips_through_yaml_with_sources_last_and_plain_decimals(seed: Evaluation) -> None:
    text = dumps_yaml(seed)
    again = loads_yaml(text)
    assert to_plain(again, full=True) == to_plain(seed, full=True)
    assert dumps_yaml(again) == text

    top_level_keys = re.findall(r"^([a-z_]+):", text, flags=re.MULTILINE)
    assert top_level_keys[-1] == "sources"
    assert seed.sources, "the seed's import records where its values came from"
    lines = text.splitlines()
    assert "    total: 239.67" in lines  # budget.income.total, plain, not quoted
    assert "fiscal_year: 2023" in lines
    assert "report_date: 2024-03-14" in lines
    assert not re.search(r"""^\s*[a-z_]+: ['"]-?\d+(\.\d+)?['"]$""", text, flags=re.MULTILINE), (
        "a quoted number"
    )


def test_the_seed_round_trips_through_json(seed: Evaluation) -> None:
    text = dumps_json(seed)
    assert to_plain(loads_json(text), full=True) == to_plain(seed, full=True)


def test_the_json_schema_validates_the_json_of_the_seed(seed: Evaluation) -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(dumps_json(seed))
    jsonschema.Draft202012Validator(schema).validate(data)

    data["fiscal_yaer"] = 2023
    with pytest.raises(jsonschema.ValidationError, match="fiscal_yaer"):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_the_json_of_the_seed_has_every_path_the_design_lists_with_amounts_as_decimal_strings(
    seed: Evaluation,
) -> None:
    data = json.loads(dumps_json(seed))
    for dotted in DESIGN_PATHS:
        support.lookup(data, dotted)  # present, with a value or null

    assert data["unit"]["name"] == "中共辰溪县委网络安全和信息化委员会办公室"
    assert data["fiscal_year"] == 2023
    assert isinstance(data["fiscal_year"], int)
    assert data["report_date"] == "2024-03-14"
    for dotted in ("staffing.authorized_total", "staffing.actual_total"):
        value = support.lookup(data, dotted)
        assert value is None or (isinstance(value, int) and not isinstance(value, bool)), dotted
    for dotted in AMOUNT_PATHS:
        value = support.lookup(data, dotted)
        assert value is None or (isinstance(value, str) and str(Decimal(value)) == value), dotted
    assert data["budget"]["income"]["total"] == "239.67"

    assert isinstance(data["sources"], dict)
    assert data["sources"]
    assert "budget.income.total" in data["sources"]
    for field, location in data["sources"].items():
        assert {"file", "line", "text"} <= set(location), field
    where = data["sources"]["budget.income.total"]
    assert Path(where["file"]).name == support.seed_path().name
    assert isinstance(where["line"], int)
    assert where["line"] >= 1
    assert "239.67" in where["text"]


# ---------------------------------------------------------------------------------------------- by hand

HAND_WRITTEN = """\
# 手写的自评数据
unit:
  name: "null"
  short_name: 'true'
fiscal_year: 2023
report_date: 2024-03-14

budget: {income: {total: 0.50}, expenditure: {total: 100, basic: -3.000}}
self_assessment:
  grade: 优
  score: 95.0
"""


def test_hand_written_yaml_is_read_exactly() -> None:
    evaluation = loads_yaml(HAND_WRITTEN)
    assert evaluation.unit.name == "null"
    assert evaluation.unit.short_name == "true"
    assert evaluation.fiscal_year == 2023
    assert str(evaluation.report_date) == "2024-03-14"
    assert str(evaluation.budget.income.total) == "0.50"
    assert str(evaluation.budget.expenditure.total) == "100"
    assert str(evaluation.budget.expenditure.basic) == "-3.000"
    assert evaluation.self_assessment.grade == "优"
    assert str(evaluation.self_assessment.score) == "95.0"


def test_hand_written_yaml_is_printed_with_its_precision_and_its_quoted_words_kept() -> None:
    text = dumps_yaml(loads_yaml(HAND_WRITTEN))
    lines = text.splitlines()
    assert "    total: 0.50" in lines
    assert "    basic: -3.000" in lines
    assert "  score: 95.0" in lines
    assert "  name: 'null'" in lines or '  name: "null"' in lines
    assert "  short_name: 'true'" in lines or '  short_name: "true"' in lines
    assert to_plain(loads_yaml(text), full=True) == to_plain(loads_yaml(HAND_WRITTEN), full=True)


def test_bare_null_and_tilde_are_read_as_absent_and_bare_words_as_text() -> None:
    evaluation = loads_yaml("unit:\n  name: ~\n  short_name: yes\n  budget_code: 2024-03-14\ntitle: null\n")
    assert evaluation.unit.name is None
    assert evaluation.unit.short_name == "yes"  # YAML 1.2: not a boolean
    assert evaluation.title is None
    assert evaluation.unit.budget_code == "2024-03-14"  # a date only where the model wants one


def test_an_evaluation_kind_outside_the_two_kinds_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        loads_yaml("kind: 其他\n", "kind.yaml")
    assert "kind" in caught.value.message
    assert "取值不在允许范围内" in caught.value.message


# ---------------------------------------------------------------------------------------------- errors


def assert_chinese(exc: InputError) -> None:
    assert CJK.search(exc.message), exc.message
    assert "\n" not in exc.message


def test_a_misspelled_key_is_an_input_error_that_names_the_key() -> None:
    with pytest.raises(InputError) as caught:
        loads_yaml("unit:\n  name: 某单位\nfiscal_yaer: 2023\n", "bad.yaml")
    assert caught.value.path == "bad.yaml"
    assert "fiscal_yaer" in caught.value.message
    assert "不认识的字段" in caught.value.message
    assert_chinese(caught.value)


def test_a_misspelled_nested_key_is_an_input_error_that_names_its_path() -> None:
    with pytest.raises(InputError) as caught:
        loads_yaml("budget:\n  income:\n    totl: 1.00\n")
    assert "budget.income.totl" in caught.value.message
    assert_chinese(caught.value)


@pytest.mark.parametrize("amount", ["12万", "1,234.5", "abc", ".nan", "NaN", "'.inf'"])
def test_a_bad_decimal_is_an_input_error_that_names_the_field(amount: str) -> None:
    with pytest.raises(InputError) as caught:
        loads_yaml(f"budget:\n  income:\n    total: {amount}\n")
    assert "budget.income.total" in caught.value.message
    assert_chinese(caught.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("unit: {name: [\n", 2),
        ("unit:\n  name: a\n name: b\n", 3),
        ('title: "abc\n', 2),
        ("unit:\n  name: x\n\tshort_name: y\n", 3),
        ("fiscal_year: 2023\nfiscal_year: 2024\n", 2),
        ("a: b\n  c: d: e\n", 2),
    ],
)
def test_broken_yaml_syntax_is_an_input_error_with_the_line(text: str, line: int) -> None:
    with pytest.raises(InputError) as caught:
        loads_yaml(text, "broken.yaml")
    assert caught.value.path == "broken.yaml"
    assert "YAML 格式错误" in caught.value.message
    assert f"第 {line} 行" in caught.value.message
    assert_chinese(caught.value)


@pytest.mark.parametrize("text", ["- 一\n- 二\n", "就是一句话\n", "", "# 只有注释\n"])
def test_yaml_that_is_not_a_mapping_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as caught:
        loads_yaml(text)
    assert_chinese(caught.value)


@pytest.mark.parametrize("text", ['{"fiscal_year": 2023,}', "[1, 2]", '{"fiscal_year": "二〇二三"}', "{"])
def test_bad_json_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as caught:
        loads_json(text)
    assert_chinese(caught.value)
