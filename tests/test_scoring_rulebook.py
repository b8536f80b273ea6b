"""Rulebooks: the bundled ones load with the national numbers, a bureau's own loads, mistakes are told in Chinese."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.errors import InputError
from jixiao.scoring.rulebook import Cited, Rulebook, bundled_rulebooks, load_rulebook
from tests.test_scoring_fixtures import RULEBOOKS, bureau


def _cited(rulebook: Rulebook) -> list[Cited]:
    return [getattr(rulebook, name) for name in Rulebook.model_fields if isinstance(getattr(rulebook, name), Cited)]


def test_both_bundled_rulebooks_are_shipped() -> None:
    assert {"mof-2020", "hunan-2023"} <= set(bundled_rulebooks())


def test_mof_2020_holds_the_national_weights() -> None:
    rulebook = load_rulebook("mof-2020")
    assert [(level.name, level.weight) for level in rulebook.weights.level1] == [
        ("产出指标", Decimal(50)),
        ("效益指标", Decimal(30)),
        ("满意度指标", Decimal(10)),
    ]
    assert rulebook.weights.execution == Decimal(10)
    assert rulebook.weights.total == Decimal(100)


def test_mof_2020_uses_the_vendor_reverse_formula_and_no_caps() -> None:
    rulebook = load_rulebook("mof-2020")
    assert rulebook.quantitative.reverse_formula == "vendor"
    assert rulebook.caps.by_execution == []


def test_mof_2020_asks_an_explanation_above_130_percent_without_deduction() -> None:
    over = load_rulebook("mof-2020").over_achievement
    assert (over.threshold, over.explanation_required, over.deduction) == (Decimal("1.3"), True, None)


def test_mof_2020_grades_are_you_liang_zhong_cha_at_90_80_60() -> None:
    bands = load_rulebook("mof-2020").grades.bands
    assert [(b.label, b.min_total) for b in bands] == [
        ("优", Decimal(90)),
        ("良", Decimal(80)),
        ("中", Decimal(60)),
        ("差", Decimal(0)),
    ]


def test_mof_2020_has_the_three_qualitative_options_with_their_bands() -> None:
    bands = load_rulebook("mof-2020").qualitative.bands
    assert [(b.option, b.min_share, b.max_share, b.max_inclusive) for b in bands] == [
        ("达成年度指标", Decimal("0.8"), Decimal(1), True),
        ("部分达成年度指标并具有一定效果", Decimal("0.6"), Decimal("0.8"), False),
        ("未达成年度指标且效果较差", Decimal(0), Decimal("0.6"), False),
    ]


def test_every_hunan_rule_states_its_source_and_evidence_and_explains_each_inference() -> None:
    for cited in _cited(load_rulebook("hunan-2023")):
        assert cited.source and cited.evidence in {"K", "V", "V-2", "I", "N"}
        if cited.evidence == "I":
            assert "推断" in cited.note or "未见" in cited.note


def test_hunan_keeps_the_national_numbers_where_it_is_not_known_to_differ() -> None:
    hunan, mof = load_rulebook("hunan-2023"), load_rulebook("mof-2020")
    assert hunan.weights.level1 == mof.weights.level1
    assert hunan.grades.bands == mof.grades.bands
    assert hunan.qualitative.bands == mof.qualitative.bands


def test_a_bureau_can_define_its_own_labels_caps_deduction_and_formula() -> None:
    own = bureau()
    assert [b.label for b in own.grades.bands] == ["好", "较好", "一般", "差"]
    assert [(c.below, c.max_total) for c in own.caps.by_execution][:2] == [
        (Decimal(80), Decimal(89)),
        (Decimal(70), Decimal(79)),
    ]
    assert own.over_achievement.deduction == Decimal(2)
    assert own.quantitative.reverse_formula == "ratio"


def test_numbers_are_read_as_exact_decimals_never_floats() -> None:
    assert str(load_rulebook("mof-2020").qualitative.bands[1].min_share) == "0.6"


def test_a_misspelt_key_is_refused_in_chinese_naming_the_key(tmp_path: Path) -> None:
    text = (RULEBOOKS / "qingshi-bureau.yaml").read_text(encoding="utf-8").replace("  deduction: 2", "  deducton: 2")
    path = tmp_path / "typo.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rulebook(path)
    assert "未知的键" in caught.value.message and "over_achievement.deducton" in caught.value.message


def test_a_wrong_choice_is_refused_in_chinese_with_the_allowed_values(tmp_path: Path) -> None:
    text = (RULEBOOKS / "qingshi-bureau.yaml").read_text(encoding="utf-8").replace("reverse_formula: ratio", "reverse_formula: inverse")
    path = tmp_path / "choice.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rulebook(path)
    assert "quantitative.reverse_formula" in caught.value.message and "'vendor'" in caught.value.message


def test_grades_listed_out_of_order_are_refused(tmp_path: Path) -> None:
    text = (RULEBOOKS / "qingshi-bureau.yaml").read_text(encoding="utf-8").replace("min_total: 90}", "min_total: 50}")
    path = tmp_path / "order.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="从高到低"):
        load_rulebook(path)


def test_broken_yaml_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nweights: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="不是有效的 YAML"):
        load_rulebook(path)


def test_an_unknown_rulebook_id_lists_the_bundled_ones() -> None:
    with pytest.raises(InputError) as caught:
        load_rulebook("guangxi-2030")
    assert "mof-2020" in caught.value.message and "hunan-2023" in caught.value.message


def test_the_json_schema_of_the_format_can_be_printed() -> None:
    schema = Rulebook.model_json_schema()
    assert schema["additionalProperties"] is False and "grades" in schema["properties"]
