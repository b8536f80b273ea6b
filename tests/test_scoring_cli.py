"""`jixiao score`: a Chinese table or the Scorecard as JSON, any rulebook, the shared exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.scoring.scorecard import Scorecard
from tests import support
from tests.test_scoring_fixtures import RULEBOOKS, evaluation, full_marks, indicator, write

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["score", *args])
    return result.exit_code, result.output


def test_the_seed_scores_provisionally_as_a_chinese_table_and_exits_0() -> None:
    code, output = _run(str(support.seed_path()))
    assert code == 0
    assert "（暂评）" in output and "网络系统设备" in output and "远超指标值" in output
    assert "数据不足：全年预算数" in output and "折算为百分制：100.00 分" in output


def test_the_json_output_is_the_scorecard_and_reads_back(tmp_path: Path) -> None:
    path = write(evaluation(*full_marks(), adjusted="145.00", executed="125.00"), tmp_path / "full.yaml")
    code, output = _run(str(path), "--format", "json", "--rulebook", "mof-2020")
    card = Scorecard.model_validate(json.loads(output))
    assert code == 0 and (str(card.total), card.grade, card.file) == ("98.62", "优", str(path))


def test_several_files_give_a_json_array(tmp_path: Path) -> None:
    first = write(evaluation(*full_marks()), tmp_path / "a.yaml")
    second = write(evaluation(*full_marks()), tmp_path / "b.yaml")
    code, output = _run(str(first), str(second), "-f", "json")
    assert code == 0 and [c["file"] for c in json.loads(output)] == [str(first), str(second)]


def test_a_rulebook_given_by_path_is_used(tmp_path: Path) -> None:
    path = write(evaluation(*full_marks(), adjusted="100", executed="65"), tmp_path / "low.yaml")
    code, output = _run(str(path), "-f", "json", "--rulebook", str(RULEBOOKS / "qingshi-bureau.yaml"))
    card = json.loads(output)
    assert code == 0 and (card["rulebook"], card["total"], card["grade"]) == ("qingshi-bureau", "79.00", "一般")


def test_a_scoring_error_finding_exits_1(tmp_path: Path) -> None:
    ev = evaluation(indicator("演出场次", "≥500", "480", "10", "12"))
    code, output = _run(str(write(ev, tmp_path / "over.yaml")))
    assert code == 1 and "indicator-score-above-weight" in output


def test_an_unknown_rulebook_exits_3_with_a_chinese_message(tmp_path: Path) -> None:
    path = write(evaluation(*full_marks()), tmp_path / "a.yaml")
    code, output = _run(str(path), "--rulebook", "nowhere-1999")
    assert code == 3 and "没有名为“nowhere-1999”的评分规则" in output


def test_an_invalid_rulebook_file_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: 坏的\nweigths: {}\n", encoding="utf-8")
    code, output = _run(str(write(evaluation(*full_marks()), tmp_path / "a.yaml")), "--rulebook", str(bad))
    assert code == 3 and "未知的键“weigths”" in output


def test_an_unreadable_report_exits_3(tmp_path: Path) -> None:
    missing = tmp_path / "missing.docx"
    code, _ = _run(str(missing))
    assert code == 3


def test_no_file_is_a_usage_error() -> None:
    code, _ = _run()
    assert code == 2


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _ = _run(str(write(evaluation(*full_marks()), tmp_path / "a.yaml")), "--format", "pdf")
    assert code == 2


def test_score_writes_the_form_as_xlsx_that_reads_back(tmp_path: Path) -> None:
    from jixiao.io.xlsx_reader import read_scorecard_xlsx

    result = runner.invoke(app, ["score", str(support.seed_path()), "--xlsx", str(tmp_path)])
    assert result.exit_code in (0, 1)
    [written] = list(tmp_path.glob("*.自评表.xlsx"))
    form = read_scorecard_xlsx(written)
    assert form.unit.name == "中共辰溪县委网络安全和信息化委员会办公室"
    assert {i.name for i in form.performance.indicators} >= {"网络系统设备"}
