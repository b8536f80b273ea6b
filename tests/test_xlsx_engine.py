"""Through the engine: an evaluation scored, written as the 自评表, imported and scored again gives the same
scorecard — for the seed (provisional, under hunan-2023) and for a complete form (under mof-2020)."""

from pathlib import Path

from jixiao.core.model import Evaluation
from jixiao.io.load import load_report
from jixiao.io.xlsx_reader import read_scorecard_xlsx
from jixiao.render.xlsx import write_scorecard_xlsx
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from tests.support import seed_path
from tests.test_xlsx_scorecard import hand_evaluation


def _round_trip(ev: Evaluation, rulebook: str, path: Path) -> tuple[dict[str, object], dict[str, object]]:
    book = load_rulebook(rulebook)
    card = score(ev, book)
    again = score(read_scorecard_xlsx(write_scorecard_xlsx(ev, card, path)), book)
    # `file` names the report scored, which is the .xlsx the second time
    return card.model_dump(mode="json", exclude={"file"}), again.model_dump(mode="json", exclude={"file"})


def test_the_seed_scored_written_and_imported_scores_the_same(tmp_path: Path) -> None:
    card, again = _round_trip(load_report(seed_path()), "hunan-2023", tmp_path / "seed.xlsx")
    assert card["provisional"] is True
    assert again == card


def test_a_complete_form_scored_written_and_imported_scores_the_same(tmp_path: Path) -> None:
    card, again = _round_trip(hand_evaluation(), "mof-2020", tmp_path / "form.xlsx")
    assert card["provisional"] is False
    assert again == card


def test_load_report_reads_a_form_by_its_cells_not_as_running_text(tmp_path: Path) -> None:
    ev = hand_evaluation()
    path = write_scorecard_xlsx(ev, score(ev, load_rulebook("mof-2020")), tmp_path / "form.xlsx")
    loaded = load_report(path)
    assert loaded == read_scorecard_xlsx(path)
    assert [i.name for i in loaded.performance.indicators] == [i.name for i in ev.performance.indicators]
    assert loaded.sources["budget.adjusted"].sheet is not None
