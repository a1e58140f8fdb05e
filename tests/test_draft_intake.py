"""Bringing an article into a workspace: copied byte for byte, never over another file, its
metadata drafted from what the text gives (language, dateline, title) and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.draft.intake import (
    article_date,
    article_stem,
    article_title,
    detect_language,
    find_date,
    metadata_toml,
    take_in,
)
from geo.errors import InputError


@pytest.mark.parametrize(("text", "language"), [
    ("The operator signed an agreement with the consortium to land the cable.", "en"),
    ("L'opérateur a signé un accord avec le consortium pour le câble sous-marin.", "fr"),
    ("L'operatore ha firmato un accordo con il consorzio per il cavo sottomarino.", "it"),
    ("El operador firmó un acuerdo con el consorcio para el cable submarino.", "es"),
    ("A operadora assinou um acordo com o consórcio para o cabo submarino.", "pt"),
    ("Der Betreiber hat mit dem Konsortium eine Vereinbarung für das Seekabel geschlossen.",
     "de"),
    ("12345 67890", "und"),
])
def test_language_from_common_words(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(("line", "date"), [
    ("17 de Dezembro de 2020", "2020-12-17"),
    ("06 April 2022", "2022-04-06"),
    ("March 3, 2024", "2024-03-03"),
    ("Publié le 1er mars 2024 à 10h", "2024-03-01"),
    ("12. März 2023", "2023-03-12"),
    ("2024-02-30", None),  # no such day
    ("31/12/2021", "2021-12-31"),
    ("in 2027", None),  # a year alone is no dateline
])
def test_dates_as_written(line: str, date: str | None) -> None:
    assert find_date(line) == date


def test_article_date_only_from_the_first_lines() -> None:
    assert article_date("date 2024-05\nTitle\n\nText.") == "2024-05"
    assert article_date("Cable lands\n06 April 2022\n\nThe cable landed.") == "2022-04-06"
    body = "Title\n" + "A sentence.\n" * 10 + "It was signed on 3 March 2021.\n"
    assert article_date(body) is None


@pytest.mark.parametrize("line", ["date 2024-02-30", "date 2023-02-29", "date 2024-13",
                                  "date: 2024-00-10"])
def test_a_leading_date_line_no_calendar_has_is_left_out(line: str) -> None:
    assert article_date(f"{line}\nTitle\n\nText.") is None
    assert article_date(f"{line}\nCable lands\n06 April 2022\n\nIt landed.") == "2022-04-06"


def test_a_draft_of_an_article_dated_on_no_day_checks(tmp_path: Path, runner) -> None:
    ws = tmp_path / "ws"
    runner("init", str(ws), expect=0)
    article = tmp_path / "baddate.txt"
    article.write_text("date 2024-02-30\nAcme Networks opens an office\n\nAcme Networks "
                       "opened an office in Marseille.\n", encoding="utf-8")
    runner("draft", str(article), "-w", str(ws), expect=0)
    metadata = (ws / "seeds" / "baddate.toml").read_text(encoding="utf-8")
    assert "2024-02-30" not in metadata
    check = runner("check", "-w", str(ws))
    assert check.exit_code == 0, check.stderr


def test_title_only_when_the_first_line_reads_as_one() -> None:
    assert article_title("New cable lands in Genoa\n\nThe cable landed.") == \
        "New cable lands in Genoa"
    assert article_title("The cable landed in Genoa. It is long.\n\nMore.") is None
    assert article_title("06 April 2022\n\nThe cable landed.") is None
    assert article_title("One line only") is None


def test_metadata_says_only_what_the_text_gives(tmp_path: Path) -> None:
    text = "The operator signed the agreement with the consortium for the cable."
    toml = metadata_toml(text, tmp_path / "a.txt")
    assert 'language = "en"' in toml
    assert "date" not in toml.replace("drafted", "").split("\n", 1)[1]
    assert "title" not in toml.split("\n", 1)[1]


def test_take_in_copies_byte_for_byte_and_drafts_metadata(tmp_path: Path) -> None:
    raw = "Câble sous-marin\n\nLe câble a été posé par l'opérateur et le consortium.\r\n"
    source = tmp_path / "news" / "Câble 2024!.txt"
    source.parent.mkdir()
    source.write_bytes(raw.encode("utf-8"))
    seeds = tmp_path / "ws" / "seeds"
    first = take_in(source, seeds)
    assert first.stem == article_stem(source) == "Cable-2024"
    assert first.copied and first.metadata_written
    assert (seeds / "Cable-2024.txt").read_bytes() == raw.encode("utf-8")
    assert 'language = "fr"' in (seeds / "Cable-2024.toml").read_text(encoding="utf-8")
    again = take_in(source, seeds)  # the same bytes: nothing to do
    assert not again.copied and not again.metadata_written
    by_stem = take_in("Cable-2024", seeds)
    assert by_stem.path == seeds / "Cable-2024.txt" and not by_stem.copied


def test_take_in_never_overwrites_another_article(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "note.txt").write_text("An earlier article about the cable.\n", encoding="utf-8")
    other = tmp_path / "note.txt"
    other.write_text("A different article about the data centre.\n", encoding="utf-8")
    with pytest.raises(InputError, match="already holds a different article"):
        take_in(other, seeds)
    assert (seeds / "note.txt").read_text(encoding="utf-8").startswith("An earlier")


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", b"\xff\xfe not utf-8"])
def test_unreadable_articles_are_input_errors(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"bad\.txt"):
        take_in(path, tmp_path / "seeds")
    assert not (tmp_path / "seeds" / "bad.txt").exists()
