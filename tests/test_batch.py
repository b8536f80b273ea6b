"""`jixiao batch DIR|FILES… [-o OUT] [--rulebook …] [--jobs N]` over a folder of real inputs.

The folder is made by the commands a user has: the example report as txt, and as docx and pdf written by
`jixiao render`; its canonical yaml from `jixiao import`; its 自评表 from `jixiao score --xlsx`; the seed
as txt; a report too short to score; a zip of two of them; a damaged docx, an empty file and an image that is no report. Every output
is read back (openpyxl, csv, json, lxml) and compared with what the single-file commands say.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.batch.outputs import COLUMNS
from jixiao.batch.record import FIELDS, evaluate
from jixiao.batch.store import FOLDER
from jixiao.batch.worker import FAULT_VARIABLE
from jixiao.checks import Settings
from jixiao.cli import app
from jixiao.core.errors import InputError
from jixiao.io import load_report
from jixiao.scoring.rulebook import load_rulebook
from tests import support

EXAMPLE = support.ROOT / "examples" / "qingshan_nongye_2024.txt"
runner = CliRunner()

QINGSHAN = ["青山.txt", "青山.docx", "青山.pdf", "青山.yaml", "青山.自评表.xlsx"]
# a report too short to score: no indicator, no budget, so no point is assessable and there is no grade
SHORT = "2023年度白水县林业局部门整体支出绩效自评报告\n一、部门基本情况\n白水县林业局内设办公室、营林股、林政股等3个股室。\n"
ZIPPED = ["打包.zip/青山.docx", "打包.zip/辰溪.txt"]
BAD = ["损坏.docx", "空.txt"]


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _stdout(*args: str) -> str:
    """What a command writes to stdout alone (a JSON report): notes on what was left unread go to stderr."""
    return runner.invoke(app, list(args)).stdout


def _made(command: list[str], folder: Path, pattern: str) -> Path:
    code, output = _cli(*command, "-o" if command[0] != "score" else "--xlsx", str(folder))
    assert code == 0, output
    [made] = folder.glob(pattern)
    return made


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    work = tmp_path_factory.mktemp("made")
    shutil.copy(EXAMPLE, folder / "青山.txt")
    docx = _made(["render", str(EXAMPLE), "--to", "docx"], work / "docx", "*.docx")
    shutil.copy(docx, folder / "青山.docx")
    shutil.copy(_made(["render", str(EXAMPLE), "--to", "pdf"], work / "pdf", "*.pdf"), folder / "青山.pdf")
    shutil.copy(_made(["import", str(EXAMPLE), "-f", "yaml"], work / "yaml", "*.yaml"), folder / "青山.yaml")
    shutil.copy(_made(["score", str(EXAMPLE)], work / "xlsx", "*.xlsx"), folder / "青山.自评表.xlsx")
    shutil.copy(support.seed_path(), folder / "辰溪.txt")
    (folder / "白水.txt").write_text(SHORT, encoding="utf-8")
    with zipfile.ZipFile(folder / "打包.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(docx, "青山.docx")
        archive.write(support.seed_path(), "辰溪.txt")
    (folder / "损坏.docx").write_bytes(docx.read_bytes()[: docx.stat().st_size // 2])
    (folder / "空.txt").write_bytes(b"")
    (folder / "说明.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


@dataclass
class Run:
    out: Path
    code: int
    output: str


def _batch(*args: str, out: Path) -> Run:
    code, output = _cli("batch", *args, "-o", str(out))
    return Run(out, code, output)


@pytest.fixture(scope="module")
def run(reports: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _batch(str(reports), "--jobs", "2", out=tmp_path_factory.mktemp("out"))


def _name(reports: Path, short: str) -> str:
    return str(reports / short)


def _summary(out: Path) -> dict[str, dict[str, Any]]:
    """The workbook's 汇总 rows by file, each as {header: value}."""
    sheet = load_workbook(out / "汇总.xlsx")["汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    return {row[0]: dict(zip(headers, row, strict=True)) for row in rows[1:]}


def _records(out: Path) -> dict[str, dict[str, Any]]:
    lines = (out / "结果.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["file"]: record for record in map(json.loads, lines)}


# ---------------------------------------------------------------------------------------------- outputs


def test_every_report_and_every_bad_file_is_one_row_of_the_workbook(reports: Path, run: Run) -> None:
    rows = _summary(run.out)
    assert sorted(rows) == sorted(_name(reports, short) for short in [*QINGSHAN, "辰溪.txt", "白水.txt", *ZIPPED, *BAD])
    for short in QINGSHAN:
        row = rows[_name(reports, short)]
        assert (row["状态"], row["单位"], row["年度"]) == ("已检查", "青山县农业农村局", 2024), short
    seed = rows[_name(reports, "辰溪.txt")]
    assert seed["单位"] == "中共辰溪县委网络安全和信息化委员会办公室" and seed["年度"] == 2023
    short = rows[_name(reports, "白水.txt")]
    assert (short["单位"], short["等级"], short["折算百分制得分"]) == ("白水县林业局", None, None)
    assert "收入合计" in short["未读到"] and "自评等级" in short["未读到"]


def test_the_workbook_row_has_the_reports_totals_rate_score_and_grade(reports: Path, run: Run) -> None:
    row = _summary(run.out)[_name(reports, "青山.txt")]
    card = json.loads(_stdout("score", str(reports / "青山.txt"), "-f", "json"))
    assert row["收入合计（万元）"] == 1784.88 and row["支出合计（万元）"] == 1762.15
    assert row["全年预算数（万元）"] == 1812.60 and row["预算执行率（%）"] == 97.22
    assert row["评分规则"] == "hunan-2023" and str(row["得分"]) == card["total"] and row["等级"] == card["grade"]
    sheet = load_workbook(run.out / "汇总.xlsx")["汇总"]
    headers = [cell.value for cell in sheet[1]]
    budget = sheet.cell(2 + 0, headers.index("全年预算数（万元）") + 1)
    assert budget.number_format == "0.00"  # 1812.60 keeps its two decimals on screen


def test_each_record_holds_the_findings_jixiao_check_gives_for_the_file(reports: Path, run: Run) -> None:
    records = _records(run.out)
    for short in [*QINGSHAN, "辰溪.txt"]:
        path = reports / short
        checked = json.loads(_stdout("check", str(path), "-f", "json"))
        record = records[str(path)]
        assert record["findings"] == checked["findings"], short
        severities = [f["severity"] for f in checked["findings"]]
        assert record["severity_counts"] == {s: severities.count(s) for s in ("error", "warning", "info")}


def test_the_workbook_counts_findings_by_severity_and_category(reports: Path, run: Run) -> None:
    row = _summary(run.out)[_name(reports, "辰溪.txt")]
    findings = _records(run.out)[_name(reports, "辰溪.txt")]["findings"]
    assert row["错误"] == sum(f["severity"] == "error" for f in findings) > 0
    assert row["警告"] == sum(f["severity"] == "warning" for f in findings)
    assert row["算术"] == sum(f["category"] == "arithmetic" for f in findings)
    assert row["评分"] == sum(f["category"] == "scoring" for f in findings)


def test_a_zip_member_is_read_as_the_file_itself(reports: Path, run: Run) -> None:
    records = _records(run.out)
    inside, outside = records[_name(reports, "打包.zip/辰溪.txt")], records[_name(reports, "辰溪.txt")]
    assert inside["status"] == "checked" and inside["sha256"] == outside["sha256"]
    assert [f["message"] for f in inside["findings"]] == [f["message"] for f in outside["findings"]]
    assert {f["location"]["file"] for f in inside["findings"] if "file" in f["location"]} == {inside["file"]}


def test_a_damaged_and_an_empty_file_are_rows_with_the_importers_reason(reports: Path, run: Run) -> None:
    rows = _summary(run.out)
    for short in BAD:
        with pytest.raises(InputError) as refused:
            load_report(reports / short)
        row = rows[_name(reports, short)]
        assert (row["状态"], row["原因"], row["单位"]) == ("无法读取", refused.value.message, None)


def test_a_file_that_is_no_report_is_left_out_and_counted(reports: Path, run: Run) -> None:
    assert _name(reports, "说明.png") not in _summary(run.out)
    assert "跳过 1 个不是报告的文件" in run.output


def test_the_csv_is_the_workbook_table_in_utf8_with_a_bom(run: Run) -> None:
    raw = (run.out / "汇总.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel on Chinese Windows reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    table = _summary(run.out)
    assert rows[0] == list(next(iter(table.values())))
    assert len(rows) == len(table) + 1
    for row in rows[1:]:
        for text, value in zip(row, table[row[0]].values(), strict=True):
            if isinstance(value, (int, float)):
                assert Decimal(text) == Decimal(str(value))  # "1812.60" in the csv, 1812.6 in the workbook
            else:
                assert text == ("" if value is None else value)
    assert "1812.60" in raw.decode("utf-8-sig")


def test_the_json_lines_have_one_record_of_one_shape_per_file(run: Run) -> None:
    records = list(_records(run.out).values())
    assert len(records) == 11 and len({tuple(record) for record in records}) == 1
    assert {record["status"] for record in records} == {"checked", "unreadable"}


def test_the_html_overview_is_self_contained_with_its_charts_and_a_row_per_file(reports: Path, run: Run) -> None:
    page = lxml.html.parse(str(run.out / "概览.html")).getroot()
    assert not page.xpath("//script | //link | //img | //iframe | //*[@src] | //*[@href]")
    assert "url(" not in "".join(page.xpath("//style/text()"))
    titles = [figure.findtext("figcaption") for figure in page.xpath("//figure")]
    assert titles == ["等级分布", "得分分布（百分制）", "预算执行率分布", "发现（按类别与严重程度）"]
    rows = page.xpath('//table[@id="reports"]/tbody/tr')
    assert sorted(row[0].text for row in rows) == sorted(_summary(run.out))
    grades = {bar.get("data-label"): int(bar.get("data-value")) for bar in page.xpath("//figure[1]//rect[@class='bar']")}
    written = [row["等级"] or "无法评定" for row in _summary(run.out).values() if row["状态"] == "已检查"]
    assert grades == {grade: written.count(grade) for grade in set(written)} and "无法评定" in grades
    scores = [int(bar.get("data-value")) for bar in page.xpath("//figure[2]//rect[@class='bar']")]
    # a report no point of which is assessable has no grade, and its total of 0 is no score
    assert sum(scores) == len(written) - grades["无法评定"]
    failures = page.xpath('//table[@id="failures"]/tbody/tr/td[1]/text()')
    assert sorted(failures) == sorted(_name(reports, short) for short in BAD)


def test_the_progress_bar_shows_files_done_and_failures(run: Run) -> None:
    assert "11/11" in run.output and "失败 2" in run.output


def test_an_unreadable_file_makes_the_exit_code_3(run: Run) -> None:
    assert run.code == 3 and "无法读取：" in run.output and "Traceback" not in run.output


def test_error_findings_alone_make_the_exit_code_1(tmp_path: Path) -> None:
    assert _batch(str(support.seed_path()), out=tmp_path / "seed").code == 1
    assert _batch(str(EXAMPLE), out=tmp_path / "example").code == 0


def test_two_jobs_write_the_same_results_as_one(reports: Path, run: Run, tmp_path: Path) -> None:
    single = _batch(str(reports), "--jobs", "1", out=tmp_path)
    assert single.code == run.code
    for name in ("汇总.csv", "结果.jsonl", "概览.html"):
        assert (tmp_path / name).read_bytes() == (run.out / name).read_bytes(), name
    assert _summary(tmp_path) == _summary(run.out)


# ---------------------------------------------------------------------------------------------- re-runs


def _store(out: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in (out / FOLDER).rglob("*.json")}


def test_a_rerun_takes_every_result_from_the_store(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.txt")
    shutil.copy(support.seed_path(), folder / "b.txt")
    first = _batch(str(folder), out=tmp_path / "out")
    kept, records = _store(tmp_path / "out"), _records(tmp_path / "out")
    second = _batch(str(folder), out=tmp_path / "out")
    assert "沿用已有结果 0 份" in first.output and "沿用已有结果 2 份" in second.output
    assert len(kept) == 2 and _store(tmp_path / "out") == kept  # nothing processed, nothing rewritten
    assert second.code == first.code == 1 and _records(tmp_path / "out") == records


def test_a_changed_file_is_processed_again_and_the_others_are_not(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.txt")
    shutil.copy(EXAMPLE, folder / "b.txt")
    _batch(str(folder), out=tmp_path / "out")
    text = EXAMPLE.read_text(encoding="utf-8").replace("收入合计1784.88万元", "收入合计1784.99万元")
    (folder / "b.txt").write_text(text, encoding="utf-8")
    again = _batch(str(folder), out=tmp_path / "out")
    records = _records(tmp_path / "out")
    assert "沿用已有结果 1 份" in again.output
    assert records[str(folder / "b.txt")]["income_total"] == "1784.99"


def test_another_rulebook_does_not_reuse_the_results_of_the_first(tmp_path: Path) -> None:
    _batch(str(EXAMPLE), out=tmp_path)
    again = _batch(str(EXAMPLE), "--rulebook", "mof-2020", out=tmp_path)
    assert "沿用已有结果 0 份" in again.output
    assert [record["rulebook"] for record in _records(tmp_path).values()] == ["mof-2020"]


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.txt")
    _batch(str(tmp_path), out=tmp_path / "结果")
    again = _batch(str(tmp_path), out=tmp_path / "结果")
    assert list(_records(tmp_path / "结果")) == [str(tmp_path / "a.txt")] and again.code == 0


def test_interrupting_keeps_what_is_finished_whole_and_a_rerun_skips_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        shutil.copy(support.seed_path(), folder / f"{n:03}.txt")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "jixiao.cli", "batch", str(folder), "-o", str(out), "--jobs", "1"]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Ctrl-C reaches a command run in a terminal; a shell's background job would ignore it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while not _store(out) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)  # Ctrl-C
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 130 and "已中断" in output and not (out / "汇总.xlsx").exists()
    kept = _store(out)
    assert 0 < len(kept) < 40
    for path in kept:  # each record whole, and no temporary file left
        assert json.loads(path.read_text(encoding="utf-8"))["status"] == "checked"
    assert not [path for path in (out / FOLDER).rglob("*") if path.name.endswith(".tmp")]
    again = _batch(str(folder), "--jobs", "2", out=out)
    assert f"沿用已有结果 {len(kept)} 份" in again.output and len(_records(out)) == 40


# ---------------------------------------------------------------------------------------------- failures


def test_an_internal_error_in_one_file_is_recorded_with_its_traceback_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.txt")
    shutil.copy(EXAMPLE, tmp_path / "b.txt")
    monkeypatch.setenv(FAULT_VARIABLE, "raise:a.txt")
    done = _batch(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--jobs", "2", out=tmp_path / "out")
    records = _records(tmp_path / "out")
    failed, fine = records[str(tmp_path / "a.txt")], records[str(tmp_path / "b.txt")]
    assert done.code == 4 and "内部错误：" in done.output
    # the line every command gives an internal error, beside the file's name; its log holds the traceback too
    assert failed["status"] == "internal_error"
    assert failed["reason"].startswith("程序内部错误（RuntimeError），未能完成。错误详情已写入 ")
    log = Path(failed["reason"].split("错误详情已写入 ")[1].split("，")[0])
    assert "_inject_fault" in log.read_text(encoding="utf-8")
    assert "_inject_fault" in failed["traceback"] and fine["status"] == "checked"
    assert _summary(tmp_path / "out")[str(tmp_path / "a.txt")]["状态"] == "内部错误"


def test_a_worker_killed_on_one_file_is_that_files_failure_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"{n}.txt" for n in range(6)]
    for name in names:
        shutil.copy(EXAMPLE, tmp_path / name)
    monkeypatch.setenv(FAULT_VARIABLE, "kill:2.txt")  # as a segfault or the OOM killer would
    done = _batch(*(str(tmp_path / name) for name in names), "--jobs", "2", out=tmp_path / "out")
    records = _records(tmp_path / "out")
    assert done.code == 4
    assert {name: records[str(tmp_path / name)]["status"] for name in names} == {
        name: "internal_error" if name == "2.txt" else "checked" for name in names
    }
    assert "工作进程意外退出" in records[str(tmp_path / "2.txt")]["reason"]


def test_workers_that_cannot_start_stop_the_batch_with_exit_4_and_blame_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FAULT_VARIABLE, "start")
    done = _batch(str(EXAMPLE), out=tmp_path)
    assert done.code == 4 and "工作进程无法启动" in done.output and not (tmp_path / "结果.jsonl").exists()


def test_an_exception_while_checking_is_a_record_with_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.batch.record

    def broken(*args: object) -> None:
        raise ZeroDivisionError("a bug in a check")

    monkeypatch.setattr(jixiao.batch.record, "run_checks", broken)
    rulebook = load_rulebook("hunan-2023")
    record = evaluate("a.txt", "0" * 64, EXAMPLE.read_bytes(), rulebook, Settings(rulebook=rulebook))
    assert record["status"] == "internal_error" and "ZeroDivisionError" in record["reason"]
    assert "in broken" in record["traceback"] and record["findings"] == []


# ---------------------------------------------------------------------------------------------- zips


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _reasons(out: Path) -> dict[str, str | None]:
    return {Path(name).name: record["reason"] for name, record in _records(out).items()}


def test_zip_members_with_paths_leaving_the_archive_are_refused(tmp_path: Path) -> None:
    report = EXAMPLE.read_bytes()
    bundle = _zip(tmp_path / "b.zip", {"../逃逸.txt": report, "/绝对.txt": report, "好/报告.txt": report})
    done = _batch(str(bundle), out=tmp_path / "out")
    reasons = _reasons(tmp_path / "out")
    assert done.code == 3 and reasons["报告.txt"] is None
    assert "指向压缩包以外" in (reasons["逃逸.txt"] or "") and "指向压缩包以外" in (reasons["绝对.txt"] or "")


def test_a_zip_bomb_and_a_zip_inside_a_zip_are_refused(tmp_path: Path) -> None:
    inner = _zip(tmp_path / "inner.zip", {"a.txt": EXAMPLE.read_bytes()}).read_bytes()
    bomb = b"0" * (8 * 1024 * 1024)  # packs a thousand times smaller
    bundle = _zip(tmp_path / "b.zip", {"炸弹.txt": bomb, "套.zip": inner, "报告.txt": EXAMPLE.read_bytes()})
    done = _batch(str(bundle), out=tmp_path / "out")
    reasons = _reasons(tmp_path / "out")
    assert done.code == 3 and reasons["报告.txt"] is None
    assert "压缩炸弹" in (reasons["炸弹.txt"] or "") and "不展开" in (reasons["套.zip"] or "")


def test_a_member_name_written_in_gbk_by_chinese_windows_is_read_as_chinese(tmp_path: Path) -> None:
    bundle = _zip(tmp_path / "b.zip", {"abcd.txt": EXAMPLE.read_bytes()})
    raw = bundle.read_bytes().replace(b"abcd.txt", "报告.txt".encode("gbk"))  # same length, no UTF-8 flag
    bundle.write_bytes(raw)
    _batch(str(bundle), out=tmp_path / "out")
    assert list(_records(tmp_path / "out")) == [f"{bundle}/报告.txt"]


def test_a_damaged_zip_is_one_row_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "坏.zip").write_bytes(b"PK\x03\x04 not really a zip")
    done = _batch(str(tmp_path / "坏.zip"), out=tmp_path / "out")
    assert done.code == 3 and "压缩包已损坏" in (_reasons(tmp_path / "out")["坏.zip"] or "")


def test_a_missing_file_is_a_row_and_the_others_are_processed(tmp_path: Path) -> None:
    done = _batch(str(tmp_path / "没有.txt"), str(EXAMPLE), out=tmp_path / "out")
    reasons = _reasons(tmp_path / "out")
    assert done.code == 3 and reasons["没有.txt"] == "文件不存在。" and reasons[EXAMPLE.name] is None


def test_the_jobs_option_must_be_positive(tmp_path: Path) -> None:
    assert _cli("batch", str(EXAMPLE), "--jobs", "0", "-o", str(tmp_path))[0] == 2


# ---------------------------------------------------------------------------------------------- docs


def test_every_column_and_every_record_key_is_documented() -> None:
    page = (support.ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    assert [column.header for column in COLUMNS if column.header not in page] == []
    assert [key for key in FIELDS if f"`{key}`" not in page] == []
