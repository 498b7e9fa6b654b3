"""The customer version holds: none of the planted strings reaches the external PDF (as pypdf
extracts it), Markdown, JSON or CSV; replacements read well; the internal export keeps them."""

from __future__ import annotations

import csv
import html
import json
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader
from sharing_corpus import PLANTED, SECRET_SENTENCES, SENTENCES, corpus_review

from pm_desktop.domain.redaction import fold
from pm_desktop.export import ExportJob, run_export

FORMATS = ("pdf", "md", "json", "csv", "csv-linear", "csv-github", "html", "docx", "confluence")
_CJK = re.compile(r"[\u2e80-\u9fff]")


def _export_text(tmp_path_factory, fmt: str, profile: str) -> str:
    fmt, _, tracker = fmt.partition("-")  # csv-github: the CSV for GitHub issues
    out = tmp_path_factory.mktemp(f"{fmt}-{profile}") / f"corpus.{fmt}"
    job = ExportJob(corpus_review(), lambda sha: b"", out, profile, images=False)
    run_export(fmt, replace(job, tracker=tracker or "jira"))
    if fmt == "pdf":
        reader = PdfReader(out)
        return " ".join(page.extract_text() or "" for page in reader.pages)
    if fmt == "docx":
        return _docx_text(out)
    if fmt == "csv":
        with open(out, encoding="utf-8-sig", newline="") as fh:
            return "\n".join(" ".join(row) for row in csv.reader(fh))
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        return "\n".join(_strings(json.loads(text)))
    if fmt == "md":
        text = text.replace("\\", "")  # Markdown escapes punctuation; the words stay
    if fmt in ("html", "confluence"):
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def _docx_text(out) -> str:
    """Every paragraph and table cell of a Word file, and its document properties."""
    import docx

    document = docx.Document(out)
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    props = document.core_properties
    return "\n".join([*parts, props.title or "", props.author or "", props.comments or ""])


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module", params=FORMATS)
def external(request, tmp_path_factory) -> tuple[str, str]:
    return request.param, _export_text(tmp_path_factory, request.param, "external")


@pytest.fixture(scope="module", params=FORMATS)
def internal(request, tmp_path_factory) -> tuple[str, str]:
    return request.param, _export_text(tmp_path_factory, request.param, "internal")


def _contains(haystack: str, needle: str) -> bool:
    """Case-, accent- and form-insensitive; whole words for short Latin needles."""
    hay, pin = fold(" ".join(haystack.split())), fold(" ".join(needle.split()))
    if _CJK.search(pin) or len(pin) > 8:
        return pin in hay
    return re.search(rf"(?<!\w){re.escape(pin)}(?!\w)", hay) is not None


def test_the_corpus_plants_at_least_sixty_strings_in_five_scripts():
    everything = PLANTED + [s for _, s in SECRET_SENTENCES]
    assert len(everything) >= 60
    text = " ".join(s for s, _ in SENTENCES)
    for script in (r"[a-z]", r"[а-я]", r"[α-ω]", r"[\u4e00-\u9fff]", r"[\u0600-\u06ff]"):
        assert re.search(script, text), script


@pytest.mark.parametrize("planted", PLANTED)
def test_no_planted_string_reaches_the_customer(external, planted):
    fmt, text = external
    assert not _contains(text, planted), f"{planted!r} is in the external {fmt}"
    if re.search(r"[\u0600-\u06ff]", planted):  # PDF text may come out in drawing order
        for word in planted.split():
            assert word not in text and word[::-1] not in text, f"{word!r} in the {fmt}"


@pytest.mark.parametrize("secret", [s for _, s in SECRET_SENTENCES])
def test_secrets_leave_no_export(external, internal, secret):
    for fmt, text in (external, internal):
        if fmt == "json" and text is internal[1]:
            continue  # the JSON interchange is the lossless copy of the file itself
        assert secret not in text, f"{secret!r} is in a {fmt} export"


def test_replacements_never_double_or_garble(external):
    fmt, text = external
    lowered = " ".join(text.split()).lower()
    phrases = ["the incident lead", "the devops on-call engineer", "the backend engineer",
               "the account manager", "the database administrator", "the network engineer",
               "the support lead", "the security officer"]  # fmt: skip
    for phrase in phrases:
        tail = phrase.removeprefix("the ")
        for doubled in (f"{phrase}-{phrase}", f"{phrase} {phrase}", f"{tail}-{tail}",
                        f"{tail} {tail}", f"dr. {phrase}", f"j. {phrase}", f"{phrase} sales",
                        f"{phrase}, {phrase}"):  # fmt: skip
            assert doubled not in lowered, (fmt, doubled)
    for bracket in ("[internal link]", "[internal address]", "[redacted]"):
        assert f"{bracket}{bracket}" not in lowered and f"{bracket} {bracket}" not in lowered
    assert "sev2" not in lowered


def test_the_customer_version_leaves_out_internal_only_content(external):
    fmt, text = external
    assert "Dropped:" not in text  # "Won't do" cards
    if fmt in ("pdf", "md"):
        assert "Major: significant degradation for many customers" in " ".join(text.split())
        assert "What we are changing" in text and "Contact support" in text
        assert "April 2025" in text


@pytest.mark.parametrize("planted", PLANTED)
def test_the_internal_export_still_holds_every_planted_string(internal, planted):
    fmt, text = internal
    if fmt == "csv":
        return  # the tracker file holds follow-ups only; its own test is below
    if fmt == "pdf" and re.search(r"[\u0600-\u06ff]", planted):
        # pypdf returns Arabic in drawing order; look for the letters, not the word order
        assert all(word[::-1] in text or word in text for word in planted.split())
        return
    if fmt == "pdf" and planted not in text and planted.strip("#@.") in text:
        # A Latin name inside an Arabic sentence ("… القناة #inc-mena."): the bidi algorithm
        # draws its leading "#" on its right, and a reader rebuilding the line from the page
        # keeps it there.
        return
    if fmt == "md":
        planted = planted.replace("\\", "")
    assert planted in text or _contains(text, planted), f"{planted!r} missing from internal {fmt}"


def test_the_internal_csv_keeps_the_planted_strings_of_its_cards(tmp_path_factory):
    text = _export_text(tmp_path_factory, "csv", "internal")
    review = corpus_review()
    for card in review.followups.values():
        for planted in PLANTED:
            if planted in card.title:
                assert _contains(text, planted), planted


MEETING = {
    "opening_statement": "Zanzibar opening words for the room",
    "lessons_learned": "Quokka lesson the team learned",
    "facilitator": "Xavi Facilitator",
    "note_taker": "Yuki Notetaker",
}
QUESTION = "Wombat question still open"
PARKED = "Narwhal idea parked for later"


def _meeting_review():
    from dataclasses import replace

    from pm_desktop.domain.model import ParkingItem

    review = corpus_review()
    review.meta = replace(review.meta, **MEETING)
    event = next(e for e in review.sorted_events() if e.kind != "note")
    review.events[event.id] = replace(event, turning_point=True, open_question=QUESTION)
    review.parking["p1"] = ParkingItem("p1", PARKED, event.id, "", 1)
    return review


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_meetings_own_words_stay_in_the_team(tmp_path, fmt):
    """Opening statement, lessons learned, the facilitator and note-taker, open questions and
    the parking lot are the team's: the customer version holds none of them."""
    review = _meeting_review()
    texts = {}
    fmt, _, tracker = fmt.partition("-")
    for profile in ("external", "internal"):
        out = tmp_path / profile / f"meeting.{fmt}"
        out.parent.mkdir()
        job = ExportJob(review, lambda sha: b"", out, profile, images=False)
        run_export(fmt, replace(job, tracker=tracker or "jira"))
        if fmt == "pdf":
            texts[profile] = " ".join(p.extract_text() or "" for p in PdfReader(out).pages)
        elif fmt == "docx":
            texts[profile] = _docx_text(out)
        else:
            texts[profile] = out.read_text(encoding="utf-8-sig")
    words = [*MEETING.values(), QUESTION, PARKED]
    for phrase in words:
        assert phrase.split()[0] not in texts["external"], (fmt, phrase)
    if fmt in ("md", "json"):  # the team's own copy keeps them (the opening is said, not written)
        for phrase in words if fmt == "json" else words[1:]:
            assert phrase.split()[0] in texts["internal"], (fmt, phrase)
