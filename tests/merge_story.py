"""Two responders' copies of one review, as they come back from two laptops.

Mei started the review and sent a copy to Ana the morning after the incident. Both kept writing:
Mei noted the page and the rollback, Ana noted the same page in her own words (one minute later,
a little longer), the rollback's effect from Slack, the status page, a why branch with a follow-up,
and a participant Mei had typed with another handle. Both changed the detection event and the
severity. Screenshots: Ana kept Mei's dashboard picture under another title, and took the same
rollback picture Mei took.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from hashlib import sha256
from pathlib import Path

from PIL import Image

from pm_desktop.domain import edits
from pm_desktop.domain.card_numbers import add_cards
from pm_desktop.domain.model import (
    BlobInfo,
    Evidence,
    FollowUp,
    ParkingItem,
    Person,
    RedactedSpan,
    RedactionBox,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)
from pm_desktop.store.document import Document


def png(colour: tuple[int, int, int], size: tuple[int, int] = (64, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


DASHBOARD = png((200, 40, 40))
ROLLBACK_GRAPH = png((40, 160, 60))
ROLLBACK_SHOT = png((40, 40, 200))


def _base() -> tuple[Review, dict[str, bytes]]:
    review = Review(
        meta=ReviewMeta(
            title="Checkout errors after deploy 4812",
            incident_date="2026-11-02",
            review_id="7d1f7a52-2b7e-4c1e-9d55-2f0c4f1f6a10",
        )
    )
    review.people["p-mei"] = Person(
        "p-mei", "Mei Lin", role="Incident lead", seq=1, handles=("@mei",)
    )
    review.events["base-1"] = TimelineEvent(
        "base-1",
        "2026-11-02T09:02:00Z",
        text="Deploy 4812 started",
        kind="action",
        author="Mei",
        seq=1,
        source="typed",
    )
    review.events["base-2"] = TimelineEvent(
        "base-2",
        "2026-11-02T09:10:00Z",
        text="Checkout error rate above 5 %",
        kind="detected",
        author="Mei",
        seq=2,
        source="typed",
    )
    sha = sha256(DASHBOARD).hexdigest()
    review.blobs[sha] = BlobInfo(sha, "image/png", len(DASHBOARD), 64, 40)
    review.evidence["shot-1"] = Evidence(
        "shot-1",
        "image",
        title="Checkout error dashboard",
        blob=sha,
        mime="image/png",
        event_ids=("base-2",),
        seq=1,
        captured_by="Mei",
        source="capture",
    )
    review.whys["w-root"] = WhyNode("w-root", None, "Checkout failed for 12 minutes", seq=1)
    review.followups["c-1"] = FollowUp(
        "c-1", "Add a checkout alert for EU shoppers", seq=1, number=1
    )
    review.meta = replace(review.meta, last_followup_number="1")
    return review, {sha: DASHBOARD}


def _image(doc: Document, eid: str, data: bytes, title: str, events: tuple[str, ...], by: str):
    info = doc.put_blob(data, "image/png", width=64, height=40)
    return Evidence(
        eid,
        "image",
        title=title,
        blob=info.sha256,
        mime="image/png",
        event_ids=events,
        seq=doc.review.next_seq("evidence"),
        captured_by=by,
        source="capture",
    )


def _mei(doc: Document) -> None:
    r = doc.review
    doc.apply(
        edits.add(
            TimelineEvent(
                "m-1",
                "2026-11-02T09:14:10Z",
                text="Paged on-call; Ana acknowledged",
                kind="acknowledged",
                author="Mei",
                seq=3,
                source="typed",
            )
        )
    )
    doc.apply(
        edits.add(
            TimelineEvent(
                "m-2",
                "2026-11-02T09:21:00Z",
                text="Rolled back deploy 4812 to 4811",
                kind="mitigated",
                author="Mei",
                seq=4,
                source="typed",
            )
        )
    )
    doc.apply(edits.update(r.events["base-2"], text="Checkout error rate above 5 % (dashboard)"))
    doc.apply(edits.add(Person("p-ana-m", "Ana Kovač", role="SRE", seq=2, handles=("ana.k",))))
    doc.apply(
        edits.add(_image(doc, "m-shot", ROLLBACK_SHOT, "Rollback in progress", ("m-2",), "Mei"))
    )
    doc.apply(edits.add(WhyNode("w-m1", "w-root", "The canary did not cover checkout", seq=1)))
    doc.apply(
        add_cards(
            r, [FollowUp("c-m", "Extend the canary to checkout", seq=2, why_ids=("w-m1",))], "Add"
        )
    )
    doc.apply(edits.set_field(r, "severity", "SEV3"))


def _ana(doc: Document) -> None:
    r = doc.review
    doc.apply(
        edits.add(
            TimelineEvent(
                "a-1",
                "2026-11-02T09:14:55Z",
                text="Paged on-call; Ana acknowledged in Slack",
                kind="note",
                author="Ana",
                seq=3,
                source="typed",
            )
        )
    )
    doc.apply(
        edits.add(
            TimelineEvent(
                "a-2",
                "2026-11-02T09:21:30Z",
                text="Rollback finished, errors dropping",
                kind="observation",
                author="Ana",
                seq=4,
                source="slack:#inc-checkout",
            )
        )
    )
    doc.apply(
        edits.add(
            TimelineEvent(
                "a-3",
                "2026-11-02T09:40:00Z",
                text="Status page updated: resolved",
                kind="communication",
                author="Ana",
                seq=5,
            )
        )
    )
    doc.apply(
        edits.update(r.events["base-2"], text="Checkout error rate above 5 % for EU shoppers")
    )
    doc.apply(
        edits.add(
            Person(
                "p-ana-a",
                "ana kovač",
                team="Payments",
                seq=2,
                handles=("@ana.k", "ana@example.com"),
            )
        )
    )
    doc.apply(edits.add(Person("p-raj", "Raj Patel", role="Payments engineer", seq=3)))
    doc.apply(
        edits.add(_image(doc, "a-shot", DASHBOARD, "Error dashboard at 09:10", ("base-2",), "Ana"))
    )
    doc.apply(
        edits.add(
            _image(doc, "a-graph", ROLLBACK_GRAPH, "Error rate after rollback", ("a-2",), "Ana")
        )
    )
    doc.apply(edits.add(_image(doc, "a-shot3", ROLLBACK_SHOT, "", ("a-2",), "Ana")))
    doc.apply(
        edits.add(WhyNode("w-a1", "w-root", "The deploy changed the payment client timeout", seq=2))
    )
    doc.apply(
        edits.add(
            WhyNode(
                "w-a2",
                "w-a1",
                "The new default came with a library upgrade",
                root_cause=True,
                seq=1,
                author="Ana",
            )
        )
    )
    doc.apply(
        add_cards(
            r, [FollowUp("c-a", "Pin the payment client timeout", seq=2, why_ids=("w-a2",))], "Add"
        )
    )
    doc.apply(
        edits.add(ParkingItem("park-a", "Alert on payment client latency", event_id="a-1", seq=1))
    )
    doc.apply(
        edits.add(RedactedSpan("red-a", "ana@example.com", "people", "p-ana-a", "handles", seq=1))
    )
    doc.apply(edits.add(RedactionBox("box-a", "a-shot", 10, 10, 50, 20, seq=1)))
    doc.apply(edits.set_field(r, "severity", "SEV2"))
    doc.apply(edits.set_field(r, "summary", "Checkout failed for EU shoppers for twelve minutes."))


def write_pair(folder: Path) -> tuple[Path, Path]:
    """``mei.pmreview`` and ``ana.pmreview`` in ``folder``, written as the story says."""
    folder.mkdir(parents=True, exist_ok=True)
    mei, ana = folder / "mei.pmreview", folder / "ana.pmreview"
    review, blobs = _base()
    Document.create(mei, review, blobs).close()
    shutil.copyfile(mei, ana)
    for path, write in ((mei, _mei), (ana, _ana)):
        doc = Document.open(path)
        try:
            write(doc)
        finally:
            doc.close()
    return mei, ana
