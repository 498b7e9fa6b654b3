"""A review full of things a customer must never read, planted in every field.

``PLANTED`` lists the exact strings; ``SECRETS`` are removed from every export. The review is
realistic on purpose: names in other spellings and scripts, references without a scheme, and
sentences in Latin, Cyrillic, Greek, Chinese and Arabic text.
"""

from __future__ import annotations

from itertools import cycle

from pm_desktop.domain.model import (
    Criterion,
    Evidence,
    FollowUp,
    Person,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)

PEOPLE = [
    Person("p1", "Amara Okafor", "Incident lead, engineering manager", "Engineering", "Ran it.", 0,
           ("@amara.o", "amara.okafor@example-corp.com")),
    Person("p2", "Mei Lin", "DevOps on-call", "DevOps", "Resized the database.", 1,
           ("@mei.lin", "@mlin")),
    Person("p3", "Jonas Berg", "Backend engineer", "Backend (payments)", "Wrote the index.", 2),
    Person("p4", "Tomás Herrera", "Account manager", "Sales", "Escalated it.", 3),
    Person("p5", "Олег Петров", "Database administrator", "Data", "Checked replicas.", 4),
    Person("p6", "Νίκος Παπαδόπουλος", "Network engineer", "Network", "Read the flows.", 5),
    Person("p7", "王芳", "Support lead", "Customer Support", "Answered tickets.", 6,
           ("Wang Fang",)),
    Person("p8", "ليلى حداد", "Security officer", "Security", "Rotated keys.", 7,
           ("Layla Haddad",)),
]  # fmt: skip

# (sentence, the planted strings inside it)
SENTENCES: list[tuple[str, tuple[str, ...]]] = [
    ("amara okafor opened the bridge call.", ("amara okafor",)),
    ("Then MEI LIN joined from home.", ("MEI LIN",)),
    ("The resize was done by mei alone.", ("mei",)),
    ("The runbook is owned by amara now.", ("amara",)),
    ("Toma\u0301s Herrera heard from a customer.", ("Toma\u0301s Herrera",)),
    ("Later Tomás escalated it twice.", ("Tomás",)),
    ("HERRERA called back at noon.", ("HERRERA",)),
    ("Jonas-Berg traced the query.", ("Jonas-Berg",)),
    ("Dr. Okafor approved the change.", ("Dr. Okafor",)),
    ("J. Berg wrote the index.", ("J. Berg",)),
    ("Okafor, Amara signed off.", ("Okafor, Amara",)),
    ("Ping @mei.lin or @mlin for access.", ("@mei.lin", "@mlin")),
    ("Mail amara.okafor@example-corp.com for the notes.", ("amara.okafor@example-corp.com",)),
    ("@amara.o muted the alert.", ("@amara.o",)),
    ("Олег Петров проверил реплики базы.", ("Олег Петров",)),
    ("Потом О. Петров перезапустил сервис.", ("О. Петров",)),
    ("ПЕТРОВ подтвердил результат.", ("ПЕТРОВ",)),
    ("Ο Νίκος Παπαδόπουλος έλεγξε τη ροή.", ("Νίκος Παπαδόπουλος",)),
    ("Ο ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ συμφώνησε.", ("ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ",)),
    ("Μετά ο Νικος έκλεισε το θέμα.", ("Νικος",)),
    ("王芳重启了支付服务。", ("王芳",)),
    ("客服团队由王芳负责回复客户。", ("王芳",)),
    ("Wang Fang answered the tickets.", ("Wang Fang",)),
    ("قامت ليلى حداد بتدوير المفاتيح.", ("ليلى حداد",)),
    ("Layla Haddad rotated the keys.", ("Layla Haddad",)),
    ("See grafana.example-corp.com/d/payments-latency for the graph.", (
        "grafana.example-corp.com/d/payments-latency", "example-corp")),
    ("Ticket at example-corp.atlassian.net/browse/SUP-4821 tracks it.", (
        "example-corp.atlassian.net/browse/SUP-4821", "SUP-4821")),
    ("Full link https://wiki.example-corp.com/ops/payments#restart was used.", (
        "https://wiki.example-corp.com/ops/payments#restart",)),
    ("The primary db-primary.payments.internal was saturated.", ("db-primary.payments.internal",)),
    ("Host pay-db-03 and web-01 were restarted.", ("pay-db-03", "web-01")),
    ("Traffic from 10.20.3.14 and 192.168.7.21:5432 looked odd.", ("10.20.3.14", "192.168.7.21")),
    ("The IPv6 peer fe80::1ff:fe23:4567:890a dropped.", ("fe80::1ff:fe23:4567:890a",)),
    ("Logs were copied to \\\\fileserver\\share\\logs for later.", ("\\\\fileserver\\share\\logs",)),
    ("The runbook C:\\ops\\runbooks\\payments.md was out of date.", ("C:\\ops\\runbooks\\payments.md",)),
    ("Errors in /var/log/payments/app.log grew.", ("/var/log/payments/app.log",)),
    ("Follow up in PAY-1291 and OPS-77.", ("PAY-1291", "OPS-77")),
    ("Discussed in #inc-payments and #sre-oncall.", ("#inc-payments", "#sre-oncall")),
    ("Mail ops-team@example-corp.com with questions.", ("ops-team@example-corp.com",)),
    ("The admin page http://10.1.1.1:8080/admin was open.", ("http://10.1.1.1:8080/admin",)),
    ("Dashboard at status-int.example-corp.io/payments showed it.", ("status-int.example-corp.io",)),
    ("Запрос пришёл с 10.9.8.7 в 09:15.", ("10.9.8.7",)),
    ("工单 PAY-2001 记录在 grafana.example-corp.com/d/cn 中。", ("PAY-2001", "grafana.example-corp.com/d/cn")),
    ("Η αναφορά PAY-3003 είναι στο #inc-greece.", ("PAY-3003", "#inc-greece")),
    ("التذكرة OPS-88 في القناة #inc-mena.", ("OPS-88", "#inc-mena")),
    ("Berg-Jonas and BERG are the same person.", ("Berg-Jonas", "BERG")),
    ("The log user mei_lin ran it.", ("mei_lin",)),
    ("Jonas Berg's patch went out.", ("Jonas Berg",)),
    ("Then ssh://deploy@bastion.example-corp.com was used.", ("bastion.example-corp.com",)),
    ("The range 10.0.0.0/8 and 2001:db8::5 were blocked.", ("10.0.0.0/8", "2001:db8::5")),
    ("وافقت ليلى على الخطة.", ("ليلى",)),
]  # fmt: skip

SECRET_SENTENCES: list[tuple[str, str]] = [
    ("The config had password=hunter2-Pa55 in it.", "hunter2-Pa55"),
    ("Key AKIAIOSFODNN7EXAMPLE leaked in a log.", "AKIAIOSFODNN7EXAMPLE"),
    ("Token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB was pasted.", "ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"),
    ("Header Authorization: Bearer abc123def456ghi789jkl012 was logged.", "abc123def456ghi789jkl012"),
    ("JWT eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlLXZhbHVl seen.", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlLXZhbHVl"),
    ("Stripe key sk_live_51Habcdefghijklmnop0123 rotated.", "sk_live_51Habcdefghijklmnop0123"),
    ("secret: 'Zq9-very-private-value' was in the chart.", "Zq9-very-private-value"),
    ("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAverysecretkeymaterial\n-----END RSA PRIVATE KEY-----", "MIIEpAIBAAKCAQEAverysecretkeymaterial"),
]  # fmt: skip

PLANTED: list[str] = [p for _, planted in SENTENCES for p in planted]


def corpus_review() -> Review:
    """Every sentence lands in a field the customer version keeps (title, summary, impact,
    authors, event text, a confirmed root cause, a follow-up title) and again in a field it
    drops (a note, lessons, evidence, details, a possible cause, a "Won't do" card)."""
    review = Review(
        meta=ReviewMeta(
            title="Payments outage with Amara Okafor",
            incident_date="2025-03-12",
            severity="SEV2",
            summary="",
            impact="",
            authors="Mei Lin and Jonas Berg",
        )
    )
    for person in PEOPLE:
        review.people[person.id] = person
    review.whys["root"] = WhyNode("root", None, "Checkout failed", seq=0)
    kept = cycle(["summary", "impact", "event", "cause", "card", "title"])
    summary: list[str] = []
    impact: list[str] = []
    lessons: list[str] = []
    sentences = [s for s, _ in SENTENCES] + [s for s, _ in SECRET_SENTENCES]
    for n, sentence in enumerate(sentences):
        where = next(kept)
        if where == "summary":
            summary.append(sentence)
        elif where == "impact":
            impact.append(sentence)
        elif where == "event":
            review.events[f"e{n}"] = TimelineEvent(
                f"e{n}", f"2025-03-12T09:{n % 60:02d}:00Z", "UTC", sentence, "action",
                PEOPLE[n % len(PEOPLE)].name, False, n,
            )  # fmt: skip
        elif where == "cause":
            review.whys[f"w{n}"] = WhyNode(f"w{n}", "root", sentence, True, "confirmed", seq=n)
        elif where == "card":
            review.followups[f"f{n}"] = FollowUp(
                f"f{n}", sentence, owner=PEOPLE[n % len(PEOPLE)].name, due="2025-04-30", seq=n,
            )  # fmt: skip
        else:
            review.events[f"t{n}"] = TimelineEvent(
                f"t{n}", None, "UTC", sentence, "observation", "", False, n
            )
        # ...and again where only the internal version looks
        lessons.append(sentence)
        review.events[f"n{n}"] = TimelineEvent(f"n{n}", None, "UTC", sentence, "note", "", False, n)
        review.evidence[f"x{n}"] = Evidence(f"x{n}", "text", title=f"Snippet {n}", text=sentence)
        review.whys[f"pw{n}"] = WhyNode(f"pw{n}", "root", sentence, True, "possible", seq=100 + n)
        review.followups[f"d{n}"] = FollowUp(
            f"d{n}", f"Dropped: {sentence}", description=sentence,
            acceptance_criteria=(Criterion(sentence),), status="dropped", seq=100 + n,
        )  # fmt: skip
    review.meta = ReviewMeta(
        **{
            **{f: getattr(review.meta, f) for f in review.meta.__dataclass_fields__},
            "summary": " ".join(summary),
            "impact": " ".join(impact),
            "lessons_went_wrong": "\n\n".join(lessons),
        }
    )
    return review
