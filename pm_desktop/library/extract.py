"""What the index keeps of one review: its list row, its searchable items, its follow-ups,
its trend facts and its recurrence profile. Everything is read from the domain values (the
entity codec already turned rows into them), so fields added to an entity flow through."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pm_desktop.domain.metrics import compute_metrics
from pm_desktop.domain.model import Review
from pm_desktop.domain.recurrence import profile_of, services_of
from pm_desktop.domain.search import entity_texts, fold

# Collection → the item kind the library shows and prints.
KINDS: dict[str, str] = {
    "review": "review",
    "events": "event",
    "evidence": "evidence",
    "whys": "why",
    "followups": "followup",
    "parking": "parking",
    "people": "person",
}
COLLECTION_OF_KIND: dict[str, str] = {kind: coll for coll, kind in KINDS.items()}


@dataclass(frozen=True, slots=True)
class Item:
    kind: str
    item_id: str
    texts: list[tuple[str, str]]

    @property
    def folded(self) -> str:
        return "\n".join(fold(t) for _f, t in self.texts if t)


def items_of(review: Review) -> list[Item]:
    """Every searchable item, in the order a reader meets them."""
    out = [Item("review", "", entity_texts(review.meta))]
    out += [Item("event", e.id, entity_texts(e)) for e in review.sorted_events()]
    out += [Item("evidence", e.id, entity_texts(e)) for e in review.sorted_evidence()]
    out += [Item("why", w.id, entity_texts(w)) for w in review.sorted_whys()]
    out += [Item("followup", f.id, entity_texts(f, review)) for f in review.sorted_followups()]
    out += [Item("parking", p.id, entity_texts(p)) for p in review.sorted_parking()]
    out += [Item("person", p.id, entity_texts(p)) for p in review.sorted_people()]
    return [i for i in out if any(t for _f, t in i.texts)]


def teams_by_name(review: Review) -> dict[str, str]:
    """Folded name or handle of each person → their team (to place a follow-up's owner)."""
    teams: dict[str, str] = {}
    for person in review.people.values():
        if person.team:
            for name in (person.name, *person.handles):
                if name.strip():
                    teams[fold(name)] = person.team
    return teams


def followup_rows(review: Review) -> list[dict[str, Any]]:
    teams = teams_by_name(review)
    rows = []
    for card in review.sorted_followups():
        done, total = card.criteria_progress
        rows.append(
            {
                "item_id": card.id,
                "title": card.title,
                "owner": card.owner,
                "team": teams.get(fold(card.owner), ""),
                "due": card.due,
                "status": card.status,
                "priority": card.priority,
                "criteria_done": done,
                "criteria_total": total,
            }
        )
    return rows


def summary_row(review: Review) -> dict[str, Any]:
    meta = review.meta
    cards = review.followups.values()
    metrics = {m.key: m.seconds for m in compute_metrics(review) if m.seconds is not None}
    profile = profile_of(review, "")
    return {
        "title": meta.title,
        "incident_date": meta.incident_date,
        "severity": meta.severity,
        "status": meta.status,
        "services": json.dumps(list(services_of(meta.affected_services))),
        "authors": meta.authors,
        "followups": len(review.followups),
        "open_followups": sum(1 for c in cards if c.status in ("todo", "doing")),
        "metrics": json.dumps(metrics),
        "categories": json.dumps(list(profile.categories)),
        "causes": json.dumps(list(profile.causes)),
    }
