"""Hypothesis strategies for whole, valid reviews (with images) and for edit streams."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from hypothesis import strategies as st
from PIL import Image

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import (
    EVENT_KINDS,
    FOLLOWUP_STATUSES,
    FOLLOWUP_TYPES,
    PRIORITIES,
    REVIEW_STATUSES,
    SEVERITIES,
    WHY_STATUSES,
    BlobInfo,
    Criterion,
    Evidence,
    FollowUp,
    Person,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)

ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "+05:30", "-08:00"]

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
names = texts.filter(lambda s: s.strip() != "")
filenames = texts.filter(
    lambda s: s.isprintable() and "/" not in s and "\\" not in s and s not in (".", "..")
)
ids = st.uuids().map(str)
instants = st.datetimes(
    min_value=dt.datetime(1990, 1, 1),
    max_value=dt.datetime(2090, 12, 31),
    timezones=st.just(dt.UTC),
).map(timeutil.to_canonical)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)).map(
    dt.date.isoformat
)


def png_bytes(width: int, height: int, seed: int) -> bytes:
    img = Image.new(
        "RGB", (width, height), ((seed * 37) % 256, (seed * 91) % 256, (seed * 13) % 256)
    )
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


@st.composite
def reviews(draw: st.DrawFn, max_items: int = 6) -> tuple[Review, dict[str, bytes]]:
    meta = ReviewMeta(
        title=draw(texts),
        incident_date=draw(st.one_of(st.just(""), dates)),
        severity=draw(st.sampled_from(SEVERITIES)),
        status=draw(st.sampled_from(REVIEW_STATUSES)),
        summary=draw(texts),
        impact=draw(texts),
        lessons_went_well=draw(texts),
        lessons_went_wrong=draw(texts),
        lessons_got_lucky=draw(texts),
        display_tz=draw(st.sampled_from(ZONES)),
        confidentiality=draw(texts),
        authors=draw(texts),
        coach_ignored=tuple(draw(st.lists(texts, max_size=2, unique=True))),
    )
    review = Review(meta=meta)
    blobs: dict[str, bytes] = {}
    unique_ids = draw(st.lists(ids, min_size=5 * max_items, max_size=5 * max_items, unique=True))
    pool = iter(unique_ids)

    for i in range(draw(st.integers(0, max_items))):
        p = Person(next(pool), draw(names), draw(texts), draw(texts), draw(texts), i)
        review.people[p.id] = p
    for _i in range(draw(st.integers(0, max_items))):
        e = TimelineEvent(
            next(pool),
            draw(st.one_of(st.none(), instants)),
            draw(st.sampled_from(ZONES)),
            draw(texts),
            draw(st.sampled_from(EVENT_KINDS)),
            draw(texts),
            draw(st.booleans()),
            draw(st.integers(-5, 50)),
        )
        review.events[e.id] = e
    event_ids = list(review.events)
    for i in range(draw(st.integers(0, max_items))):
        kind = draw(st.sampled_from(["image", "link", "text", "file"]))
        blob = None
        mime = ""
        if kind == "image":
            data = png_bytes(
                draw(st.integers(1, 12)), draw(st.integers(1, 12)), draw(st.integers(0, 3))
            )
            sha = hashlib.sha256(data).hexdigest()
            with Image.open(io.BytesIO(data)) as img:
                w, h = img.size
            review.blobs[sha] = BlobInfo(sha, "image/png", len(data), w, h)
            blobs[sha] = data
            blob, mime = sha, "image/png"
        elif kind == "file":
            data = draw(st.binary(min_size=0, max_size=64))
            sha = hashlib.sha256(data).hexdigest()
            if sha in review.blobs:
                mime = review.blobs[sha].mime
            else:
                mime = draw(st.sampled_from(["text/plain", "application/octet-stream"]))
                review.blobs[sha] = BlobInfo(sha, mime, len(data))
                blobs[sha] = data
            blob = sha
        links = (
            draw(st.lists(st.sampled_from(event_ids), unique=True, max_size=3)) if event_ids else []
        )
        ev = Evidence(
            next(pool), kind, draw(texts), draw(texts), draw(texts), draw(texts), blob, mime, draw(filenames),
            draw(st.one_of(st.none(), instants)), draw(st.sampled_from(ZONES)), draw(texts), tuple(links), i,
        )  # fmt: skip
        review.evidence[ev.id] = ev
    evidence_ids = list(review.evidence)
    why_ids: list[str] = []
    for i in range(draw(st.integers(0, max_items))):
        parent = draw(st.one_of(st.none(), st.sampled_from(why_ids))) if why_ids else None
        cites = (
            draw(st.lists(st.sampled_from(evidence_ids), unique=True, max_size=2))
            if evidence_ids
            else []
        )
        w = WhyNode(
            next(pool), parent, draw(texts), draw(st.booleans()), draw(st.sampled_from(WHY_STATUSES)),
            draw(texts), tuple(cites), i,
        )  # fmt: skip
        review.whys[w.id] = w
        why_ids.append(w.id)
    for i in range(draw(st.integers(0, max_items))):
        criteria = tuple(
            Criterion(draw(texts), draw(st.booleans())) for _ in range(draw(st.integers(0, 3)))
        )
        linked = (
            draw(st.lists(st.sampled_from(why_ids), unique=True, max_size=2)) if why_ids else []
        )
        f = FollowUp(
            next(pool), draw(names), draw(texts), criteria, draw(texts), draw(st.one_of(st.just(""), dates)),
            draw(st.sampled_from(FOLLOWUP_STATUSES)), draw(st.sampled_from(PRIORITIES)),
            draw(st.sampled_from(FOLLOWUP_TYPES)), tuple(linked), draw(texts), i,
        )  # fmt: skip
        review.followups[f.id] = f
    return review, blobs


# ----------------------------------------------------------------------------- edit streams

WORDS = [
    "database",
    "checkout",
    "alert",
    "Привет",
    "数据库",
    "<b>x<y</b>",
    "payments",
    "😀",
    "rollback",
]


def random_edit(rng, review: Review):  # noqa: C901 - a menu of edits, flat on purpose
    """One plausible user edit for ``review`` (may be refused by the domain: that is part of it)."""
    from pm_desktop.domain import ops
    from pm_desktop.domain.edits import Batch, add, set_field, update
    from pm_desktop.domain.model import FOLLOWUP_STATUSES

    def text() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))

    def stamp() -> str:
        return timeutil.to_canonical(
            dt.datetime(2025, 3, 12, 9, 0, tzinfo=dt.UTC)
            + dt.timedelta(minutes=rng.randint(-600, 600))
        )

    choice = rng.randrange(16)
    events = review.sorted_events()
    whys = list(review.whys.values())
    cards = list(review.followups.values())
    evidence = review.sorted_evidence()
    if choice == 0 or not events:
        return ops.add_event(
            review, stamp(), text(), kind=rng.choice(EVENT_KINDS), tz=rng.choice(ZONES)
        )
    if choice == 1:
        e = rng.choice(events)
        return update(e, text=text(), time=stamp())
    if choice == 2:
        return ops.delete_events(
            review, [e.id for e in rng.sample(events, min(len(events), rng.randint(1, 2)))]
        )
    if choice == 3 or not whys:
        parent = rng.choice(whys).id if whys and rng.random() < 0.8 else None
        return ops.add_why(review, parent, text(), root_cause=rng.random() < 0.3)
    if choice == 4:
        node = rng.choice(whys)
        target = rng.choice(whys + [None])  # may be refused as a loop
        return ops.reparent_why(review, node.id, target.id if target else None, rng.randint(0, 3))
    if choice == 5:
        return ops.delete_why_subtree(review, rng.choice(whys).id)
    if choice == 6:
        return ops.move_why_among_siblings(review, rng.choice(whys).id, rng.choice([-1, 1]))
    if choice == 7 or not cards:
        linked = {"why_ids": (rng.choice(whys).id,)} if whys else {}
        return ops.add_followup(
            review, text(), status=rng.choice(FOLLOWUP_STATUSES), owner=text(), **linked
        )
    if choice == 8:
        return ops.move_followup(
            review, rng.choice(cards).id, rng.choice(FOLLOWUP_STATUSES), rng.randint(0, 4)
        )
    if choice == 9:
        return ops.delete_followups(review, [rng.choice(cards).id])
    if choice == 10:
        return set_field(review, rng.choice(["title", "summary", "impact"]), text())
    if choice == 11:
        return set_field(review, "display_tz", rng.choice(ZONES))
    if choice == 12 or not evidence:
        return add(ops.new_evidence(review, "text", title=text(), text=text() * 3))
    if choice == 13:
        return ops.link_evidence(review, rng.choice(evidence).id, rng.choice(events).id)
    if choice == 14:
        return ops.delete_evidence(review, [rng.choice(evidence).id])
    people = list(review.people.values())
    if people and rng.random() < 0.3:
        return ops.delete_people(review, [rng.choice(people).id])
    return Batch((ops.add_person(review, text(), "role", "team", text()),), "Add person")
