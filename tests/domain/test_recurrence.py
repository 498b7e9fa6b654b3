"""Which reviews are related, and why — pure, on profiles."""

from __future__ import annotations

from pm_desktop.domain.model import Review, ReviewMeta, WhyNode
from pm_desktop.domain.recurrence import (
    Profile,
    earlier_counts,
    profile_of,
    relate,
    related,
    services_of,
    summary,
)


def test_a_profile_takes_services_and_the_root_causes_and_contributing_factors():
    review = Review(
        meta=ReviewMeta(incident_date="2026-05-01", affected_services="checkout, , checkout")
    )
    review.whys = {
        "p": WhyNode("p", None, "Why did checkout fail?", seq=1),
        "r": WhyNode(
            "r", "p", "The pool was too small", root_cause=True, category="capacity", seq=2
        ),
        "c": WhyNode("c", "p", "No load test", contributing=True, category="testing", seq=3),
        "u": WhyNode("u", "p", "?", root_cause=True, seq=4),
        "x": WhyNode("x", "p", "An ordinary answer", seq=5),
    }
    p = profile_of(review, "a.pmreview")
    assert p.services == ("checkout",)
    assert p.causes == ("The pool was too small", "No load test")
    assert p.categories == ("capacity", "testing")


def test_reasons_are_named_and_one_shared_category_alone_is_not_enough():
    mine = Profile(
        "a", "2026-05-01", "A", ("Checkout",), ("capacity",), ("The connection pool was too small",)
    )
    same_service = Profile("b", "2026-01-01", "B", ("checkout",))
    similar = Profile("c", "2026-02-01", "C", (), (), ("Connection pool too small for the peak",))
    one_category = Profile("d", "2026-03-01", "D", (), ("capacity",), ("Unrelated words entirely",))
    assert relate(mine, same_service).reasons == ("service checkout",)
    assert relate(mine, similar).reasons == ("similar cause",)
    assert relate(mine, one_category) is None
    later = Profile("e", "2026-09-01", "E", ("checkout",))
    found = related(mine, [same_service, similar, one_category, later], earlier_only=True)
    assert [r.other.key for r in found] == ["c", "b"]  # the similar cause weighs more
    assert summary(found) == "also seen in 2 earlier reviews"
    assert summary(found[:1]) == "also seen in 1 earlier review"
    assert summary([]) == ""


def test_library_wide_counts_agree_with_one_by_one_relations():
    profiles = [
        Profile(f"r{i}", f"2026-{1 + i % 12:02d}-{1 + i % 27:02d}", f"R{i}",
                (("checkout", "search", "auth")[i % 3],) if i % 4 else (),
                (("capacity", "testing", "process")[i % 3], ("design", "testing")[i % 2]),
                (f"cause number {i % 5} about the pool and retries",))
        for i in range(40)
    ]  # fmt: skip
    counts = earlier_counts(profiles)
    for p in profiles:
        assert counts[p.key] == len(related(p, profiles, earlier_only=True))


def test_services_are_the_parts_of_the_affected_services_text_outside_brackets():
    text = "Checkout, card payments (checkout-api, payment gateway);  orders-db\nCheckout"
    assert services_of(text) == (
        "Checkout",
        "card payments (checkout-api, payment gateway)",
        "orders-db",
    )
    assert services_of("") == () and services_of(" , ;") == ()
