"""The coach against the project's hand-labelled postmortem sentences.

Two parts, fixed by a stable hash of each sentence (``coach_labelled_shapes.held_back``):

- the *tuning* part (the first set, ``coach_labelled.CASES``, and the other half of the second) is
  what rules may be adjusted against; a failure lists every miss and false alarm;
- the *held-back* part is never tuned on; its precision and recall are the numbers we report,
  and a failure prints only the numbers, so nobody is tempted to patch rules for its sentences.

``pytest tests/domain/test_coach_labelled.py -s`` prints both scores.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pm_desktop.domain.coach import text_findings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from coach_labelled import CASES, PEOPLE  # noqa: E402
from coach_labelled_shapes import SHAPES, held_back  # noqa: E402

Case = tuple[str, str, set[str]]
BAR = 0.95
HELD_BACK: list[Case] = [c for c in SHAPES if held_back(c[1])]
TUNING: list[Case] = CASES + [c for c in SHAPES if not held_back(c[1])]


def _score(cases: list[Case]) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    wrong: list[str] = []
    for context, sentence, expected in cases:
        found = text_findings(sentence, people=PEOPLE, context=context)
        got = {f.rule for f in found}
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
        if got != expected:
            shown = [(f.rule, f.text) for f in found]
            wrong.append(f"  [{context}] {sentence!r}: expected {sorted(expected)}, got {shown}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, wrong


def _line(name: str, cases: list[Case], precision: float, recall: float) -> str:
    return (
        f"coach on the {name} part ({len(cases)} sentences): precision {precision:.1%}, "
        f"recall {recall:.1%} (bar {BAR:.0%})"
    )


def test_labelled_set_is_big_balanced_and_split():
    every = CASES + SHAPES
    quiet = sum(1 for _, _, expected in every if not expected)
    assert len(every) >= 300
    assert 0.4 <= quiet / len(every) <= 0.6, f"{quiet} of {len(every)} must stay quiet"
    held_quiet = sum(1 for _, _, expected in HELD_BACK if not expected)
    assert len(HELD_BACK) >= 80
    assert 0.4 <= held_quiet / len(HELD_BACK) <= 0.6
    rules = {rule for _, _, expected in HELD_BACK for rule in expected}
    assert rules == {"blame", "counterfactual", "vague_followup"}
    assert len({sentence for _, sentence, _ in every}) == len(every), "duplicate sentences"


def test_coach_on_the_tuning_part():
    precision, recall, wrong = _score(TUNING)
    report = _line("tuning", TUNING, precision, recall)
    print("\n" + report + ("\n" + "\n".join(wrong) if wrong else ""))
    assert precision >= BAR and recall >= BAR, report + "\n" + "\n".join(wrong)


def test_coach_on_the_held_back_part():
    precision, recall, wrong = _score(HELD_BACK)
    report = _line("held-back", HELD_BACK, precision, recall) + f", {len(wrong)} sentences wrong"
    print("\n" + report)
    assert precision >= BAR and recall >= BAR, report
