"""Every quote geo draft writes is one geo check finds and accepts, whatever white space or
control characters the article's sentence holds (geo.draft.entries.quotable)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.draft.entries import quotable
from geo.text import fold

#: a form feed, a NEL (U+0085) and a C0 control (U+0001) inside sentences
ARTICLE = ("Zorblax Networks and Quintara Telecom sign memorandum\n\n"
           "Zorblax Networks and Quintara Telecom signed a memorandum of understanding in "
           "Marseille\fon 12 March 2024 to build a submarine cable between Marseille and "
           "Algiers.\nZorblax Networks opened the Zorblax LYO1 data centre in Lyon\x85with "
           "partners.\nQuintara Telecom opened the Quintara CPT9 data centre\x01 in Cape "
           "Town.\n")


@pytest.mark.parametrize("sentence, quote", [
    ("in Marseille\fon 12 March", "in Marseille on 12 March"),
    ("in Lyon\x85with partners.", "in Lyon with partners."),
    (" two\r\n lines\u2028here ", "two lines here"),
    ("Quintara CPT9 data centre\x01 in Cape Town.", "Quintara CPT9 data centre"),
    ("\x01\x02", None),
])
def test_quotable_folds_as_check_compares(sentence: str, quote: str | None) -> None:
    assert quotable(sentence) == quote
    if quote is not None:
        assert fold(quote) in fold(sentence)


def test_a_draft_of_an_article_with_control_characters_checks(tmp_path: Path, runner
                                                              ) -> None:
    ws = tmp_path / "ws"
    runner("init", str(ws), expect=0)
    article = tmp_path / "ctrl.txt"
    article.write_text(ARTICLE, encoding="utf-8", newline="")
    runner("draft", str(article), "-w", str(ws), expect=0)
    draft = (ws / "drafts" / "ctrl.toml").read_text(encoding="utf-8")
    assert "in Marseille on 12 March 2024" in draft
    assert "in Lyon with partners." in draft
    check = runner("check", "-w", str(ws))
    assert check.exit_code == 0, check.stderr
    assert check.stderr.startswith("geo: the workspace is valid: every quote found")
