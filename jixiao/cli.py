"""The `jixiao` command: import reports, print canonical files and the schema, run the demo.

Exit codes are the same for every command (DESIGN.md): 0 done, no error-severity finding; 1 done, with
error-severity findings (or, for `fmt --check`, files not in canonical form); 2 usage error; 3 an input
that cannot be read, reported in one Chinese sentence, never a traceback; 4 an internal error (a bug),
reported in one Chinese line naming the file and the log holding the traceback (`jixiao.failures`). Each
file of a run is handled on its own (`Inputs`): one that fails is reported and the run goes on, and the
exit code is the worst. A guard around the whole app (`_Guarded`) catches what fails outside any file.
"""

from __future__ import annotations

import io
import json
import os
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from jixiao.atomic import write_atomic
from jixiao.checks import RULES, Settings, run_checks
from jixiao.checks.families.scanned import ocr_note, unread_note
from jixiao.checks.labels import label as field_label
from jixiao.checks.output import catalogue as rule_catalogue
from jixiao.checks.output import explain, text_lines
from jixiao.checks.output import to_json as check_json
from jixiao.core.errors import ExitCode, InputError
from jixiao.core.findings import SEVERITY_NAMES, Finding
from jixiao.core.model import Evaluation, EvaluationKind
from jixiao.core.money import BOUNDS_TEXT, within_bounds
from jixiao.failures import Failure, attempt, internal_error
from jixiao.io import canonical
from jixiao.io.load import load_any_bytes
from jixiao.io.readers import read_bytes
from jixiao.render.document import Document as RenderedDocument
from jixiao.render.draft import draft
from jixiao.render.xlsx import scorecard_xlsx_bytes
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import Rulebook, load_rulebook, rulebook_for
from jixiao.scoring.scorecard import Scorecard
from jixiao.summary import summary_text

err = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line, however long
out = Console(highlight=False, soft_wrap=True)


class _Guarded(TyperGroup):
    """The app's command group: an exception no file's handling caught (a bug outside any file) ends the run
    with the internal-error line and exit code 4, never a traceback."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError):
            raise  # the command's own exit, usage errors, a closed pipe: handled as they always are
        except Exception as exc:
            _report(Failure(ExitCode.INTERNAL, internal_error(None, exc)))
            raise typer.Exit(ExitCode.INTERNAL) from None


app = typer.Typer(
    name="jixiao",
    cls=_Guarded,
    help="绩效：部门整体支出绩效自评的导入、检查、评分与成文。\n\n"
    "jixiao: import, check, score and render performance self-evaluations of budget units.\n\n"
    "退出码 / exit codes: 0 完成 done · 1 有错误级发现 error findings · 2 用法错误 usage · "
    "3 输入无法读取 unreadable input · 4 程序内部错误 internal error",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

class Kind(StrEnum):
    """The kind of evaluation a report is read as (by default told from its title, outline and form)."""

    department = "部门整体"
    project = "项目支出"


KindOption = Annotated[
    Kind | None,
    typer.Option(
        "--kind",
        help="按此类别导入报告：部门整体 或 项目支出（默认由标题、提纲和表格判断）/ force the evaluation's kind",
    ),
]


class ImportFormat(StrEnum):
    yaml = "yaml"
    json = "json"
    text = "text"


def read_any(path: Path, kind: EvaluationKind | None = None) -> Evaluation:
    """A report (txt, docx, pdf, xlsx) or a canonical file (yaml, json). `kind` forces a report's kind
    (部门整体 or 项目支出) where it would be told from the title and outline; a canonical file states its own."""
    return load_any_bytes(str(path), read_bytes(path), kind)


def _report_unreadable(exc: InputError) -> None:
    _report(Failure(ExitCode.UNREADABLE, f"{exc.path}：{exc.message}"))


def _report(failure: Failure) -> None:
    err.print(f"[bold red]错误[/]：{escape(failure.message)}")


def _report_unread(path: Path, evaluation: Evaluation) -> None:
    """What the import left unread rather than guess, one line each: every command tells the user."""
    for unread in evaluation.unread:
        line = f":{unread.source.line}" if unread.source.line else ""
        parts = [f"{path}{line}", unread.reason]
        if unread.field:
            converted = f"万元（原文以{unread.source.original_unit}写出）" if unread.source.original_unit else ""
            parts.insert(1, f"{field_label(unread.field)} {unread.text or ''}{converted}")
        elif unread.text:
            parts.insert(1, f"“{unread.text}”")
        err.print(f"[bold yellow]注意[/]：{escape('：'.join(parts))}")


class Inputs:
    """The files of one command, each read and handed to the command's work in turn (`each`). A file that
    cannot be read, or whose work fails on a bug, is reported in one Chinese line and the run goes on;
    the exit code is the worst of all files.

    What the import left unread is said on stderr, and a PDF with scanned pages gets one note: which pages
    OCR read, or which it could not read for want of an engine (`notes=False` where the command's own
    findings say so)."""

    def __init__(self, files: list[Path], kind: Kind | None = None, notes: bool = True) -> None:
        self.files = files
        self.kind: EvaluationKind | None = kind.value if kind is not None else None  # type: ignore[assignment]
        self.notes = notes
        self.worst = ExitCode.OK

    def each(self, work: Callable[[Path, Evaluation], bool | None]) -> None:
        """Call `work(path, evaluation)` for every file; it returns whether the file has error-severity findings."""
        for path in self.files:
            self.attempt(path, self._one, path, work)

    def _one(self, path: Path, work: Callable[[Path, Evaluation], bool | None]) -> bool | None:
        return work(path, self.read(path))

    def read_all(self) -> list[tuple[Path, Evaluation]]:
        """Every file that can be read, read (the others reported), for work that needs them all at once."""
        read: list[tuple[Path, Evaluation]] = []
        self.each(lambda path, evaluation: read.append((path, evaluation)))
        return read

    def attempt(self, path: Path, work: Callable[..., bool | None], *args: object) -> None:
        """`work(*args)`, one file's work: a failure is reported in one line; whether the file has error-severity
        findings (what `work` returns) or failed counts in the exit code."""
        outcome = attempt(str(path), work, *args)
        if isinstance(outcome, Failure):
            _report(outcome)
            self.worst = max(self.worst, outcome.code)
        elif outcome:
            self.worst = max(self.worst, ExitCode.FINDINGS)

    def read(self, path: Path) -> Evaluation:
        evaluation = read_any(path, self.kind)
        _report_unread(path, evaluation)
        if self.notes and path.suffix.lower() not in canonical.SUFFIXES:
            for note in (unread_note(evaluation), ocr_note(evaluation)):
                if note:
                    err.print(f"[bold yellow]提示[/]：{escape(str(path))}：{escape(note)}")
        return evaluation

    def exit_code(self) -> ExitCode:
        return self.worst


def _rulebook(name: str | None) -> Rulebook | None:
    """The rulebook named on the command line (None when none is), or exit 3 with its Chinese message."""
    if name is None:
        return None
    try:
        return load_rulebook(name)
    except InputError as exc:
        _report_unreadable(exc)
        raise typer.Exit(ExitCode.UNREADABLE) from None


def _print_json(payload: list[dict[str, object]], several: bool) -> None:
    """One object for one input file, an array for several (DESIGN.md)."""
    if payload:
        sys.stdout.write(json.dumps(payload if several else payload[0], ensure_ascii=False, indent=2) + "\n")


def _render(evaluation: Evaluation, fmt: ImportFormat, name: str) -> str:
    if fmt is ImportFormat.json:
        return canonical.dumps_json(evaluation) + "\n"
    if fmt is ImportFormat.text:
        return summary_text(evaluation, name)
    return canonical.dumps_yaml(evaluation)


# what the score and render commands take alike
ReportFiles = Annotated[
    list[Path], typer.Argument(help="报告文件或规范的 .yaml/.json / report files or canonical files")
]
RulebookOption = Annotated[
    str | None,
    typer.Option(
        "--rulebook",
        "-r",
        metavar="ID|PATH",
        help="评分规则：内置编号或 YAML 文件；默认部门整体用 hunan-2023，项目支出用 mof-2020-project / rulebook id or YAML path",
    ),
]


@app.command("import")
def import_(
    files: Annotated[
        list[Path], typer.Argument(help="报告文件（.txt .docx .pdf，或规范的 .yaml .json）/ report files")
    ],
    fmt: Annotated[
        ImportFormat, typer.Option("--format", "-f", help="输出格式 / output format: yaml, json, text")
    ] = ImportFormat.yaml,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            file_okay=False,
            help="写入此目录（每份报告一个文件）/ write one file per report here",
        ),
    ] = None,
    kind: KindOption = None,
) -> None:
    """导入报告，输出结构化的自评数据。Import reports into structured evaluations."""
    inputs = Inputs(files, kind)
    evaluations: list[Evaluation] = []  # for JSON on stdout: printed together, one object or an array
    printed = 0

    def one(path: Path, evaluation: Evaluation) -> None:
        nonlocal printed
        if output is not None:
            target = output / f"{path.stem}{_IMPORT_SUFFIX[fmt]}"
            write_atomic(target, _render(evaluation, fmt, str(path)))
            err.print(f"已写入 {target}", markup=False)
        elif fmt is ImportFormat.json:
            evaluations.append(evaluation)
        elif fmt is ImportFormat.yaml:
            text = _render(evaluation, fmt, str(path))
            sys.stdout.write(("---\n" if printed else "") + f"# {path}\n" + text)
            printed += 1
        else:
            out.print(_render(evaluation, fmt, str(path)), markup=False)

    inputs.each(one)
    if evaluations:
        sys.stdout.write(canonical.dumps_json(evaluations if len(files) > 1 else evaluations[0]) + "\n")
    raise typer.Exit(inputs.exit_code())


_IMPORT_SUFFIX = {ImportFormat.yaml: ".yaml", ImportFormat.json: ".json", ImportFormat.text: ".txt"}


DEFAULT_SETTINGS = Settings()


def _bounded_option(value: Decimal) -> Decimal:
    """A number given on the command line, within the bounds every number is computed in (a usage error else)."""
    if not within_bounds(value):
        raise typer.BadParameter(f"数值超出可处理的范围（{BOUNDS_TEXT}）")
    return value


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("check")
def check_(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="报告文件或规范的 .yaml/.json / report files or canonical files"),
    ] = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="输出格式 / output format: text, json")
    ] = CheckFormat.text,
    explain_rule: Annotated[
        str | None, typer.Option("--explain", metavar="RULE", help="说明一条规则 / explain one rule")
    ] = None,
    catalogue: Annotated[
        bool, typer.Option("--catalogue", help="输出全部规则目录（Markdown）/ print the rule catalogue")
    ] = False,
    over: Annotated[
        Decimal,
        typer.Option(
            "--over-threshold",
            help="实际值达到目标值的百分之多少算“远超目标” / % of target counted as far above",
            callback=_bounded_option,
        ),
    ] = DEFAULT_SETTINGS.over_achievement,
    kind: KindOption = None,
) -> None:
    """检查报告：找出不相符的数字、缺失的章节、残留的模板……Check evaluations for inconsistencies.

    一个部门整体自评与同年的项目支出自评一并给出（或给出它们所在的文件夹）时，作为一个单位的材料一并核对：
    各项目的执行数与部门的项目支出、部门所列项目是否都有自评、两边所写金额是否一致。"""
    if explain_rule is not None:
        rule = RULES.get(explain_rule)
        if rule is None:
            err.print(
                f"没有名为 {explain_rule} 的规则。可用 jixiao check --catalogue 查看全部规则。", markup=False
            )
            raise typer.Exit(ExitCode.USAGE)
        out.print(explain(rule), markup=False)
        raise typer.Exit(ExitCode.OK)
    if catalogue:
        sys.stdout.write(rule_catalogue())
        raise typer.Exit(ExitCode.OK)
    if not files:
        err.print("请给出要检查的文件。用法：jixiao check 文件…", markup=False)
        raise typer.Exit(ExitCode.USAGE)
    settings = Settings(over_achievement=over)
    inputs = Inputs(_expand(files), kind, notes=False)  # the findings pages-read-by-ocr and pages-not-read say it
    read = inputs.read_all()
    package = _package([evaluation for _, evaluation in read])
    if package:
        department, projects = package
        name = department.unit.name or "（单位名称未读到）"
        err.print(f"作为一个单位的材料一并核对：{name}的部门整体自评，及 {len(projects)} 份项目支出自评。", markup=False)
    payload: list[dict[str, object]] = []

    def one(path: Path, evaluation: Evaluation) -> bool:
        own = settings
        if package is not None and evaluation is package[0]:  # the department's, with its projects beside it
            own = replace(settings, package=tuple(package[1]))
        report = run_checks(evaluation, own)
        if fmt is CheckFormat.json:
            payload.append(check_json(str(path), report))
        else:
            for line, style in text_lines(str(path), evaluation, report):
                out.print(line, style=style, markup=False)
        return report.has_errors

    for path, evaluation in read:
        inputs.attempt(path, one, path, evaluation)
    _print_json(payload, len(inputs.files) > 1)
    raise typer.Exit(inputs.exit_code())


_REPORT_SUFFIXES = {".txt", ".docx", ".pdf", ".xlsx", ".xlsm", *canonical.SUFFIXES}


def _expand(files: list[Path]) -> list[Path]:
    """The files named, a folder standing for the reports in it (a unit's package), in name order."""
    expanded: list[Path] = []
    for path in files:
        if path.is_dir():
            expanded.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _REPORT_SUFFIXES))
        else:
            expanded.append(path)
    return expanded


def _package(evaluations: list[Evaluation]) -> tuple[Evaluation, list[Evaluation]] | None:
    """A unit's package among the files checked: exactly one 部门整体 evaluation and the 项目支出 evaluations of
    the same year (or of no year stated), checked together; None when the files are not one unit's."""
    departments = [ev for ev in evaluations if ev.kind == "部门整体"]
    if len(departments) != 1:
        return None
    department = departments[0]
    projects = [
        ev
        for ev in evaluations
        if ev.kind == "项目支出" and (ev.fiscal_year is None or department.fiscal_year in (None, ev.fiscal_year))
    ]
    return (department, projects) if projects else None


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def _clip(text: str, width: int = 24) -> str:
    """A long cell (an actual written as a sentence) cut to `width` display columns, with an ellipsis."""
    if _width(text) <= width:
        return text
    kept = ""
    for ch in text:
        if _width(kept + ch) > width - 1:
            break
        kept += ch
    return kept + "…"


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(_pad(cell, widths[i], i in right) for i, cell in enumerate(row)).rstrip() for row in rows
    ]


def scorecard_text(card: Scorecard, name: str, findings: list[Finding]) -> str:
    """The scorecard as a Chinese table: indicators, 预算执行率, total, grade, the provisional mark, assumptions."""
    dec = lambda value: "—" if value is None else format(value, "f")  # noqa: E731
    mark = "（暂评）" if card.provisional else ""
    lines = [f"{name}：按评分规则“{card.rulebook}”评分{mark}", ""]
    rows = [["一级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "计算 / 原因"]]
    for ind in card.indicators:
        how = ind.computation if ind.score is not None else f"未评分：{ind.reason or '—'}"
        extra = [n for n in ind.notes if "未写比较符" not in n]
        if extra:
            how += "；" + "；".join(extra)
        weight = dec(ind.weight) + ("*" if ind.weight_assumed else "")
        rows.append(
            [
                ind.level1 or "—",
                _clip(ind.name),
                _clip(ind.target or "—"),
                _clip(ind.actual or "—"),
                weight,
                dec(ind.score),
                how,
            ]
        )
    execution = card.execution
    rows.append(["预算执行率", f"执行率 {dec(execution.rate)}%" if execution.rate is not None else "执行率 —",
                 f"全年预算数 {dec(execution.adjusted)}", f"全年执行数 {dec(execution.executed)}",
                 dec(execution.weight), dec(execution.score),
                 execution.computation if execution.status == "scored" else f"数据不足：{execution.computation}"])  # fmt: skip
    lines.extend(_table(rows, right={4, 5}))
    lines.append("")
    if card.provisional:
        lines.append("* 分值由评分引擎暂定（报告未列分值）")
    total = f"总分：{dec(card.total)} 分（可评定 {dec(card.assessed_weight)} 分，满分 {dec(card.full_weight)} 分）"
    if card.cap is not None:
        total += f"，按执行率封顶为 {dec(card.cap)} 分（封顶前 {dec(card.total_before_cap)} 分）"
    lines.append(total)
    if card.scaled_total is not None:
        lines.append(f"折算为百分制：{dec(card.scaled_total)} 分")
    lines.append(f"{'暂评' if card.provisional else '计算'}等级：{card.grade or '无法评定'}")
    if card.self_grade is not None or card.self_score is not None:
        lines.append(f"自评：{card.self_grade or '—'}，{dec(card.self_score)} 分")
    unscored = card.unscored
    if unscored:
        lines.append(f"未能评分的指标（{len(unscored)} 项）：")
        lines.extend(f"  {ind.name}：{ind.reason}" for ind in unscored)
    if card.assumptions:
        lines.append("假定与说明：")
        lines.extend(f"  {n}. {text}" for n, text in enumerate(card.assumptions, 1))
    if findings:
        lines.append("评分检查：")
        lines.extend(f"  [{SEVERITY_NAMES[f.severity]}] {f.rule}：{f.message}" for f in findings)
    return "\n".join(lines) + "\n"


@app.command("score")
def score_(
    files: ReportFiles,
    rulebook_name: RulebookOption = None,
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="输出格式 / output format: text, json")
    ] = ScoreFormat.text,
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx",
            file_okay=False,
            help="把自评表写成 Excel，放在此目录 / write the 自评表 as xlsx into this directory",
        ),
    ] = None,
    kind: KindOption = None,
) -> None:
    """按评分规则给自评打分：各项指标得分、预算执行率、总分、等级。Score evaluations under a rulebook."""
    chosen = _rulebook(rulebook_name)
    scoring_rules = [rule_id for rule_id, rule in RULES.items() if rule.category == "scoring"]
    inputs = Inputs(files, kind)
    payload: list[dict[str, object]] = []

    def one(path: Path, evaluation: Evaluation) -> bool:
        rulebook = rulebook_for(chosen, evaluation.kind)
        card = score(evaluation, rulebook).model_copy(update={"file": str(path)})
        report = run_checks(evaluation, Settings(rulebook=rulebook), rules=scoring_rules)
        if xlsx is not None:
            target = xlsx / f"{path.stem}{_suffix(RenderFormat.xlsx)}"
            _render_file(evaluation, card, RenderFormat.xlsx, target)
            err.print(f"已写入 {target}", markup=False)
        if fmt is ScoreFormat.json:
            payload.append(card.model_dump(mode="json"))
        else:
            out.print(scorecard_text(card, str(path), report.findings), markup=False)
        return report.has_errors

    inputs.each(one)
    _print_json(payload, len(files) > 1)
    raise typer.Exit(inputs.exit_code())


class RenderFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    html = "html"
    md = "md"
    xlsx = "xlsx"


def _suffix(to: RenderFormat) -> str:
    return ".自评表.xlsx" if to is RenderFormat.xlsx else f".{to.value}"


def _render_file(
    evaluation: Evaluation,
    card: Scorecard,
    to: RenderFormat,
    target: Path,
    doc: RenderedDocument | None = None,
) -> None:
    """Render one evaluation to `target`, atomically: a failure never leaves half a file behind. `doc` is the
    report already drafted, when several formats are written from one draft."""
    if to is RenderFormat.xlsx:
        write_atomic(target, scorecard_xlsx_bytes(evaluation, card))
        return
    if doc is None:
        doc = draft(evaluation, card)
    if to is RenderFormat.html:
        from jixiao.render.html import render_html

        write_atomic(target, render_html(doc))
    elif to is RenderFormat.md:
        from jixiao.render.markdown import render_markdown

        write_atomic(target, render_markdown(doc))
    elif to is RenderFormat.pdf:
        from jixiao.render.pdf import pdf_bytes

        write_atomic(target, pdf_bytes(doc))
    else:
        from jixiao.render.docx import build_docx

        buffer = io.BytesIO()
        build_docx(doc, card).save(buffer)
        write_atomic(target, buffer.getvalue())


@app.command("render")
def render_(
    files: ReportFiles,
    to: Annotated[
        RenderFormat, typer.Option("--to", "-t", help="输出格式 / output format: docx, pdf, html, md, xlsx")
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", file_okay=False, help="输出目录（默认当前目录）/ output directory"),
    ] = Path("."),
    rulebook_name: RulebookOption = None,
    kind: KindOption = None,
) -> None:
    """成文：把自评写成报告（docx、pdf、html、md）或自评表（xlsx）。Render evaluations as documents."""
    chosen = _rulebook(rulebook_name)
    targets = [output / f"{path.stem}{_suffix(to)}" for path in files]
    for path, target in zip(files, targets, strict=True):
        if target.resolve() == path.resolve():
            err.print(f"输出文件 {target} 就是输入文件，不能覆盖：请用 -o 指定另一个目录。", markup=False)
            raise typer.Exit(ExitCode.USAGE)
    if len(set(targets)) < len(targets):
        err.print("有几份输入文件同名，输出会互相覆盖：请分别渲染或改名。", markup=False)
        raise typer.Exit(ExitCode.USAGE)
    target_of = dict(zip(files, targets, strict=True))
    inputs = Inputs(files, kind)

    def one(path: Path, evaluation: Evaluation) -> None:
        card = score(evaluation, rulebook_for(chosen, evaluation.kind)).model_copy(update={"file": str(path)})
        _render_file(evaluation, card, to, target_of[path])
        err.print(f"已写入 {target_of[path]}", markup=False)

    inputs.each(one)
    raise typer.Exit(inputs.exit_code())


@app.command("batch")
def batch_(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="目录、zip 或报告文件 / folders, zips or report files", show_default=False),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", file_okay=False, help="结果目录 / output directory")
    ] = Path("out/batch"),
    rulebook_name: RulebookOption = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="并行进程数（默认为可用的 CPU 核数）/ worker processes"),
    ] = None,
) -> None:
    """批量导入、检查、评分一个目录（或 zip）下的全部报告，写出汇总表、CSV、JSON lines 和 HTML 概览。

    Import, check and score every report under folders or zips in parallel; re-running skips what is done."""
    from jixiao.batch.pool import WorkersFailed
    from jixiao.batch.run import INTERRUPTED_EXIT, default_jobs, report_lines, run_batch

    rulebook = _rulebook(rulebook_name)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        err.print(f"无法创建输出目录 {output}：{exc.strerror}。", markup=False)
        raise typer.Exit(ExitCode.USAGE) from None
    try:
        batch = run_batch(inputs, output, rulebook, jobs or default_jobs(), err)
    except KeyboardInterrupt:
        err.print("已中断。已完成的文件结果已保存，再次运行同一命令将跳过它们。", markup=False)
        raise typer.Exit(INTERRUPTED_EXIT) from None
    except WorkersFailed as exc:
        err.print(f"内部错误：{exc}请查看上方工作进程的报错。", markup=False)
        raise typer.Exit(ExitCode.INTERNAL) from None
    for line in report_lines(batch):
        err.print(line, markup=False)
    raise typer.Exit(batch.exit_code)


@app.command("fmt")
def fmt_(
    files: Annotated[
        list[Path], typer.Argument(help="规范 YAML（或 JSON）文件 / canonical YAML (or JSON) files")
    ],
    check: Annotated[
        bool, typer.Option("--check", help="只检查，不改写 / only report files that would change")
    ] = False,
) -> None:
    """把 YAML 改写为唯一的规范格式（保留来源）。Rewrite YAML in canonical form, sources kept."""
    worst = ExitCode.OK
    for path in files:
        outcome = attempt(str(path), _format_file, path, check)
        if isinstance(outcome, Failure):
            _report(outcome)
        worst = max(worst, outcome.code if isinstance(outcome, Failure) else outcome)
    raise typer.Exit(worst)


def _format_file(path: Path, check: bool) -> ExitCode:
    """Rewrite one canonical file in canonical form (or, with `check`, only say it would change): exit code 1
    when it is not canonical and `check`, else 0."""
    evaluation = canonical.load_canonical(path)
    # Compare bytes: a GB18030, BOM or CRLF file is readable but not canonical (UTF-8, LF, no BOM).
    current = path.read_bytes()
    # a JSON file stays JSON (as `import -f json -o` writes it); never YAML under a .json name
    if path.suffix.lower() == ".json":
        printed = canonical.dumps_json(evaluation) + "\n"
    else:
        printed = canonical.dumps_yaml(evaluation)
    if printed.encode("utf-8") == current:
        return ExitCode.OK
    if check:
        err.print(f"需要规范化：{path}", markup=False)
        return ExitCode.FINDINGS
    write_atomic(path, printed)
    err.print(f"已规范化：{path}", markup=False)
    return ExitCode.OK


@app.command("schema")
def schema_() -> None:
    """输出自评数据的 JSON Schema。Print the JSON Schema of an evaluation."""
    sys.stdout.write(json.dumps(canonical.json_schema(), ensure_ascii=False, indent=2) + "\n")


ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
EXAMPLE_PROJECT = ROOT / "examples" / "qingshan_yizhong_shengjun_2024.txt"


def _shared_seeds() -> Path:
    return Path(os.environ.get("JIXIAO_SHARED", ROOT.parent / "shared")) / "seeds"


@app.command("demo")
def demo(
    output: Annotated[Path, typer.Option("--output", "-o", help="输出目录 / output directory")] = Path("out"),
) -> None:
    """导入并检查示例报告（部门整体与项目支出各一份，及种子报告），显示读到的内容与检查结果，写出 YAML、JSON 与检查结果。

    Import and check the examples, a department's and a project's (and the seed). The findings are shown, not
    judged: the exit code is 0 unless a file cannot be read."""
    inputs = [EXAMPLE, EXAMPLE_PROJECT]
    seeds = _shared_seeds()
    if seeds.is_dir():
        inputs.extend(sorted(seeds.glob("*.txt")))
    else:
        err.print(f"未找到种子报告目录 {seeds}，只导入示例报告。", markup=False)
    reports = Inputs(inputs)

    def one(path: Path, evaluation: Evaluation) -> None:
        rulebook = rulebook_for(None, evaluation.kind)
        out.print(summary_text(evaluation, str(path)), markup=False)
        lines = text_lines(str(path), evaluation, run_checks(evaluation))
        out.print("检查结果：", style="bold", markup=False)
        for line, style in lines[1:]:
            out.print(line, style=style, markup=False)
        write_atomic(output / f"{path.stem}.yaml", canonical.dumps_yaml(evaluation))
        write_atomic(output / f"{path.stem}.json", canonical.dumps_json(evaluation) + "\n")
        write_atomic(output / f"{path.stem}.check.txt", "\n".join(line for line, _ in lines) + "\n")
        card = score(evaluation, rulebook)
        out.print(_score_line(card), style="bold", markup=False)
        doc = draft(evaluation, card)  # once, for every document format below
        formats = (RenderFormat.xlsx, RenderFormat.docx, RenderFormat.pdf, RenderFormat.html)
        for to in formats:
            _render_file(evaluation, card, to, output / f"{path.stem}{_suffix(to)}", doc)
        suffixes = [".yaml", ".json", ".check.txt"] + [_suffix(to) for to in formats]
        written = "、".join(str(output / f"{path.stem}{suffix}") for suffix in suffixes)
        out.print(f"已写入 {written}\n", markup=False)

    reports.each(one)
    raise typer.Exit(reports.exit_code())


@app.command("web")
def web(
    host: Annotated[str, typer.Option("--host", help="监听地址 / address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="端口 / port")] = 8000,
    workers: Annotated[int, typer.Option("--workers", "-w", help="工作进程数 / worker processes")] = 2,
) -> None:
    """启动 Web 应用（首次启动时载入演示地区）。Start the web application (with the demo region when empty)."""
    from jixiao.web.launch import serve

    serve(host, port, workers)


def _manage(*arguments: str) -> None:
    """A command of the web application's manage.py (`python -m jixiao.web`), with its own exit code."""
    from jixiao.web.__main__ import main as manage

    sys.argv = ["jixiao", *arguments]
    manage()


@app.command("worker")
def worker(
    interval: Annotated[float, typer.Option("--interval", help="无任务时每隔多少秒查看一次 / seconds between looks")] = 1.0,
) -> None:
    """运行 Web 应用的后台任务工作进程（可在多台机器上各运行若干个）。Run a background worker of the web application."""
    _manage("db_worker", "--interval", str(interval))


@app.command("backup")
def backup(file: Annotated[Path, typer.Argument(help="备份文件 / backup file")]) -> None:
    """在系统运行时备份 Web 应用的数据库。Back up the web application's database while it runs."""
    _manage("backup", str(file))


@app.command("restore")
def restore(file: Annotated[Path, typer.Argument(help="备份文件 / backup file")]) -> None:
    """从备份文件恢复 Web 应用的数据库。Restore the web application's database from a backup."""
    _manage("restore", str(file))


def _score_line(card: Scorecard) -> str:
    kind = "暂评" if card.provisional else "评分"
    scaled = f"，折算百分制 {card.scaled_total} 分" if card.scaled_total is not None else ""
    own = f"；自评等级 {card.self_grade}" if card.self_grade else ""
    return (
        f"{kind}（{card.rulebook}）：可评定 {card.assessed_weight} 分，得 {card.total} 分{scaled}，"
        f"等级 {card.grade or '—'}{own}"
    )


def main() -> None:
    app(prog_name="jixiao")  # the same name in usage lines however it was started (`python -m jixiao`)


if __name__ == "__main__":
    main()
