"""Every real report in ../shared/corpus/ imports without error and gives the values a reader finds in it.

The expected values are in `tests/corpus_expected.py`, written by reading each text (null where the text
is silent); the corpus files are read from ../shared/, never copied into the project.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.io import canonical
from jixiao.io.load import load_report
from tests import support
from tests.corpus_expected import EXPECTED


@pytest.fixture(scope="module")
def stripped_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    files = {}
    for path in support.corpus_files():
        target = folder / path.name
        target.write_text(support.strip_corpus_header(path.read_text(encoding="utf-8")), encoding="utf-8")
        files[path.name] = target
    return files


def test_the_corpus_and_the_expectations_cover_the_same_files(stripped_corpus: dict[str, Path]) -> None:
    assert sorted(stripped_corpus) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_reads_the_values_a_reader_finds_in_each_corpus_report(
    name: str, stripped_corpus: dict[str, Path]
) -> None:
    evaluation = load_report(stripped_corpus[name])
    plain = canonical.to_plain(evaluation, full=True)
    got = {path: support.lookup(plain, path) for path in EXPECTED[name]}
    want = {path: (str(v) if isinstance(v, Decimal) else v) for path, v in EXPECTED[name].items()}
    assert got == want
