"""The HTML overview of a batch: one self-contained page, its charts drawn here as inline SVG.

Self-contained means it opens from a USB stick or an e-mail attachment with no network: no script, no
stylesheet or font from elsewhere, no chart library. The page has the counts at a glance, four bar charts
(grades, scores on the 100-point scale, budget execution rates, findings by category and severity), the
table of every report and the table of the files that could not be read or failed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from jixiao import __version__
from jixiao.batch.record import CHECKED, INTERNAL_ERROR, STATUS_NAMES, UNREADABLE, Record
from jixiao.core.findings import CATEGORY_NAMES, SEVERITY_NAMES
from jixiao.core.model import DEPARTMENT, PROJECT
from jixiao.scoring.rulebook import Rulebook, rulebook_for

OVERVIEW = "概览.html"

Series = tuple[str, str]  # a name and its colour
Bar = tuple[str, list[int]]  # a label and one value per series

_COUNT: list[Series] = [("份数", "#4a7ebb")]
_SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#e0a800", "info": "#7f8c9a"}

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em auto;
       max-width: 1200px; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; }
.meta { color: #666; }
.tiles { display: flex; flex-wrap: wrap; gap: 1em; }
.tile { border: 1px solid #ddd; border-radius: 6px; padding: .6em 1.2em; min-width: 7em; }
.tile b { display: block; font-size: 1.6em; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1.5em; }
figure { margin: 0; } figcaption { font-weight: bold; margin-bottom: .4em; }
svg text { font-size: 12px; fill: #333; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; position: sticky; top: 0; white-space: nowrap; }
#reports td:first-child, #failures td:first-child { word-break: break-all; width: 30%; }
#reports td:nth-child(2) { width: 18%; } td:last-child { white-space: nowrap; } #failures td:last-child { white-space: normal; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.bad td { background: #fdf2f0; }
@media print { .charts { display: block; } th { position: static; } }
"""


def _rulebooks_named(chosen: Rulebook | None) -> str:
    if chosen is not None:
        return f"{chosen.id}（{chosen.title}）"
    return "按类别：" + "；".join(f"{kind} {rulebook_for(None, kind).id}" for kind in (DEPARTMENT, PROJECT))


def overview_html(records: Sequence[Record], chosen: Rulebook | None) -> str:
    """The overview page of a batch scored under `chosen`, or under each kind's default where none was named."""
    rulebook = chosen if chosen is not None else rulebook_for(None, DEPARTMENT)  # its grade labels order the chart
    checked = [r for r in records if r["status"] == CHECKED]
    failed = [r for r in records if r["status"] != CHECKED]
    with_errors = sum(1 for r in checked if r["severity_counts"]["error"])
    scores = [hundred for r in checked if (hundred := _hundred(r)) is not None]
    average = f"{sum(scores) / len(scores):.2f}" if scores else "—"
    tiles = [
        ("报告", len(records)),
        ("已检查", len(checked)),
        ("有错误级发现", with_errors),
        ("无法读取", sum(1 for r in records if r["status"] == UNREADABLE)),
        ("内部错误", sum(1 for r in records if r["status"] == INTERNAL_ERROR)),
        ("平均得分（百分制）", average),
    ]
    labels = [band.label for band in rulebook.grades.bands]
    grades = Counter(r["grade"] or "无法评定" for r in checked)
    grade_bars = [(label, [grades[label]]) for label in [*labels, "无法评定"]]
    grade_bars += [(label, [n]) for label, n in sorted(grades.items()) if label not in labels and label != "无法评定"]
    charts = [
        _bar_chart("等级分布", grade_bars, _COUNT),
        _bar_chart("得分分布（百分制）", _bins(scores, _SCORE_BINS), _COUNT),
        _bar_chart(
            "预算执行率分布",
            _bins([Decimal(r["execution_rate"]) for r in checked if r["execution_rate"] is not None], _RATE_BINS),
            _COUNT,
        ),
        _bar_chart(
            "发现（按类别与严重程度）",
            [
                (name, [sum(1 for r in checked for f in r["findings"] if f["category"] == key and f["severity"] == s)
                        for s in SEVERITY_NAMES])
                for key, name in CATEGORY_NAMES.items()
            ],
            [(SEVERITY_NAMES[s], _SEVERITY_COLOURS[s]) for s in SEVERITY_NAMES],
        ),
    ]  # fmt: skip
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>自评报告批量检查概览</title><style>{_STYLE}</style></head><body>",
        "<h1>自评报告批量检查概览</h1>",
        f'<p class="meta">评分规则：{escape(_rulebooks_named(chosen))} · jixiao {escape(__version__)}</p>',
        '<section class="tiles">',
        *(f'<div class="tile"><b>{value}</b>{escape(label)}</div>' for label, value in tiles),
        "</section>",
        '<h2>图表</h2><section class="charts">',
        *charts,
        "</section>",
        _reports_table(records),
        _failures_table(failed),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _hundred(record: Record) -> Decimal | None:
    """The score on the 100-point scale: scaled when not every point could be assessed; none when no point
    could be (the engine gives no grade then, and its total of 0 is no score)."""
    if record["grade"] is None:
        return None
    return Decimal(record["scaled_score"] or record["score"])


Bin = tuple[str, Callable[[Decimal], bool]]
_SCORE_BINS: list[Bin] = [
    ("90 及以上", lambda v: v >= 90),
    ("80–90", lambda v: 80 <= v < 90),
    ("70–80", lambda v: 70 <= v < 80),
    ("60–70", lambda v: 60 <= v < 70),
    ("60 以下", lambda v: v < 60),
]
_RATE_BINS: list[Bin] = [
    ("100% 以上", lambda v: v > 100),
    ("95%–100%", lambda v: 95 <= v <= 100),
    ("90%–95%", lambda v: 90 <= v < 95),
    ("80%–90%", lambda v: 80 <= v < 90),
    ("80% 以下", lambda v: v < 80),
]


def _bins(values: list[Decimal], bins: list[Bin]) -> list[Bar]:
    return [(label, [sum(1 for v in values if holds(v))]) for label, holds in bins]


def _bar_chart(title: str, bars: list[Bar], series: list[Series]) -> str:
    """Horizontal bars, one per label, stacked by series, each with its total; a legend when stacked."""
    label_width, bar_width, row = 120, 300, 24
    legend = 22 if len(series) > 1 else 0
    height = legend + row * len(bars) + 6
    largest = max((sum(values) for _, values in bars), default=0) or 1
    shapes = []
    if legend:
        left = label_width
        for name, colour in series:
            shapes.append(f'<rect x="{left}" y="4" width="12" height="12" fill="{colour}"/>')
            shapes.append(f'<text x="{left + 16}" y="14">{escape(name)}</text>')
            left += 16 + 14 * len(name) + 16
    for n, (label, values) in enumerate(bars):
        y = legend + n * row + 4
        shapes.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>')
        x = float(label_width)
        for (name, colour), value in zip(series, values, strict=True):
            if value:
                width = bar_width * value / largest
                shapes.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y}" width="{width:.1f}" height="{row - 8}" fill="{colour}" '
                    f'data-label="{escape(label)}" data-series="{escape(name)}" data-value="{value}">'
                    f"<title>{escape(label)} · {escape(name)}：{value}</title></rect>"
                )
                x += width
        shapes.append(f'<text x="{x + 4:.1f}" y="{y + 13}">{sum(values)}</text>')
    full = label_width + bar_width + 50
    return (
        f'<figure><figcaption>{escape(title)}</figcaption>'
        f'<svg role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {full} {height}" width="{full}" height="{height}">{"".join(shapes)}</svg></figure>'
    )


_REPORT_HEADERS = ("文件", "单位", "年度", "得分", "百分制", "等级", "执行率（%）", "错误", "警告", "提示", "状态")


def _reports_table(records: Sequence[Record]) -> str:
    rows = []
    for r in records:
        counts = r["severity_counts"]
        hundred = _hundred(r)  # the chart's scale
        cells = [
            (r["file"], False),
            (r["unit"], False),
            (r["fiscal_year"], True),
            (r["score"], True),
            (hundred, True),
            (r["grade"], False),
            (r["execution_rate"], True),
            (counts["error"], True),
            (counts["warning"], True),
            (counts["info"], True),
            (STATUS_NAMES[r["status"]], False),
        ]
        css = ' class="bad"' if r["status"] != CHECKED or counts["error"] else ""
        tds = "".join(
            f'<td{" class=n" if number else ""}>{"" if value is None else escape(str(value))}</td>'
            for value, number in cells
        )
        rows.append(f"<tr{css}>{tds}</tr>")
    head = "".join(f"<th>{h}</th>" for h in _REPORT_HEADERS)
    return f'<h2>各份报告</h2><table id="reports"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _failures_table(failed: Sequence[Record]) -> str:
    if not failed:
        return '<h2>无法读取或出错的文件</h2><p id="failures">没有。</p>'
    rows = "".join(
        f"<tr><td>{escape(r['file'])}</td><td>{STATUS_NAMES[r['status']]}</td><td>{escape(r['reason'] or '')}</td></tr>"
        for r in failed
    )
    return (
        '<h2>无法读取或出错的文件</h2><table id="failures"><thead><tr><th>文件</th><th>状态</th><th>原因</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )
