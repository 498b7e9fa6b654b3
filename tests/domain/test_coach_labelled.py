"""The coach against a hand-labelled set of postmortem sentences: precision and recall ≥ 90 %.

Run with ``-s`` to see the numbers; a failure message lists every miss and false alarm.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pm_desktop.domain.coach import text_findings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from coach_labelled import CASES, PEOPLE  # noqa: E402

BAR = 0.90


def _score() -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    wrong: list[str] = []
    for context, sentence, expected in CASES:
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


def test_labelled_set_is_big_and_balanced():
    quiet = sum(1 for _, _, expected in CASES if not expected)
    assert len(CASES) >= 80
    assert 0.4 <= quiet / len(CASES) <= 0.6, f"{quiet} of {len(CASES)} must stay quiet"
    rules = {rule for _, _, expected in CASES for rule in expected}
    assert rules == {"blame", "counterfactual", "normative", "vague_followup"}
    assert len({sentence for _, sentence, _ in CASES}) == len(CASES), "duplicate sentences"


def test_coach_precision_and_recall_on_the_labelled_set():
    precision, recall, wrong = _score()
    report = (
        f"coach on {len(CASES)} labelled sentences: precision {precision:.1%}, "
        f"recall {recall:.1%} (bar {BAR:.0%})"
    )
    print("\n" + report + ("\n" + "\n".join(wrong) if wrong else ""))
    assert precision >= BAR and recall >= BAR, report + "\n" + "\n".join(wrong)
