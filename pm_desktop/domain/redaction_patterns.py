"""The shapes the redaction engine looks for: secrets, internal references, suspicious text.

Each finder takes a text and yields :class:`Hit` values (offsets into that text). The engine in
:mod:`pm_desktop.domain.redaction` decides which hits win where they overlap and what replaces
them. Pure Python: ``re``, ``ipaddress``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

SECRET = "[redacted]"
LINK = "[internal link]"
ADDRESS = "[internal address]"
PATH = "[internal path]"
TICKET = "[internal ticket]"
CHANNEL = "[internal channel]"
HOST = "[internal host]"
EMAIL = "[e-mail address]"
HANDLE = "a team member"

# Priorities: where two hits overlap, the longer one wins; on a tie, the higher priority
# (a listed e-mail of a person reads "the incident lead", not "[e-mail address]").
P_SECRET, P_MARKED, P_PERSON, P_REFERENCE = 40, 30, 25, 20


@dataclass(frozen=True, slots=True)
class Hit:
    """One span of a text to remove or replace. ``kind`` is secret, marked, reference or
    person; ``category`` says which shape matched (url, ip, ticket, name, handle...)."""

    start: int
    end: int
    kind: str
    category: str
    replacement: str
    priority: int = 0
    key: str = ""  # the person's id for names (to merge "Mei Lin / Mei" into one)


# --------------------------------------------------------------------------- secrets

_SECRET_VALUE = r"(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s,;&\"']+)"
_KEY_WORDS = (
    r"passw(?:or)?d|pwd|pass|secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|"
    r"secret[_-]?key|private[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|token|"
    r"aws_secret_access_key|credentials?"
)
_SECRET_RES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    (
        "private key",
        re.compile(
            r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
            r"(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\Z)"
        ),
        0,
    ),
    (
        "key value",
        re.compile(rf"(?i)\b(?:{_KEY_WORDS})\b[\"']?\s*(?:=|:|=>)\s*({_SECRET_VALUE})"),
        1,
    ),
    ("bearer token", re.compile(r"(?i)\b(?:bearer|token|basic)\s+([A-Za-z0-9\-._~+/]{16,}=*)"), 1),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}"), 0),
    ("aws key", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b"), 0),
    (
        "token",
        re.compile(
            r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}"
            r"|xox[abposr]-[A-Za-z0-9-]{10,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"
            r"|AIza[0-9A-Za-z_-]{35}|sk-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36}"
            r"|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,})"
        ),
        0,
    ),
    ("url credentials", re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://([^/\s:@]+:[^/\s@]+)@"), 1),
)


def secret_hits(text: str) -> Iterator[Hit]:
    """Secrets of common shapes. Only the secret goes: ``password=[redacted]``."""
    for category, pattern, group in _SECRET_RES:
        for m in pattern.finditer(text):
            start, end = m.span(group)
            if end > start:
                yield Hit(start, end, "secret", category, SECRET, P_SECRET)


# --------------------------------------------------------------------------- references

_TLDS = (
    "com net org edu gov mil int info biz dev app cloud tech online site xyz io co me tv ai "
    "internal intranet local localdomain lan corp home example test invalid localhost svc "
    "us uk de fr nl be ch at se no dk fi es it pt ie pl cz ru ua cn jp kr in au nz ca br mx ar "
    "za sg hk tw il ae sa eg tr gr eu"
).split()
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_URL_TAIL = r"(?:[/?#][^\s<>\"'()\[\]{}]*[^\s<>\"'()\[\]{}.,;:!?])?"
_SCHEME_URL_RE = re.compile(
    r"(?i)\b(?:[a-z][a-z0-9+.-]{1,20}://|mailto:)[^\s<>\"'()\[\]{}]*[^\s<>\"'()\[\]{}.,;:!?]"
)
_HOST_RE = re.compile(
    rf"(?i)(?<![\w.@/-])(?:{_LABEL}\.)+(?:{'|'.join(_TLDS)})(?::\d{{1,5}})?(?![\w-]|\.[a-z0-9]){_URL_TAIL}"
)
_EMAIL_RE = re.compile(r"(?i)(?<![\w.+-])[\w.+-]+@(?:" + _LABEL + r"\.)+[a-z]{2,}\b")
_IPV4_RE = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?::\d{1,5})?(?!\w|\.\d)")
_IPV6_RE = re.compile(
    r"(?i)(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%\w+)?(?:/\d{1,3})?(?![\w:])"
)
_UNC_RE = re.compile(r"\\\\[^\s\\/]+(?:\\[^\s\\]+)*\\?")
_WIN_PATH_RE = re.compile(r"(?i)(?<![\w])[a-z]:\\(?:[^\s\\]+\\?)+")
_POSIX_PATH_RE = re.compile(r"(?<![\w/.~-])(?:~|\.{1,2})?/(?:[\w.@%+-]+/)+[\w.@%+-]*")
_TICKET_RE = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]{1,9})-(\d{1,7})(?![\w-])")
_CHANNEL_RE = re.compile(r"(?<![\w&#/])#[a-z][a-z0-9_.-]*[a-z0-9_]")
_MENTION_RE = re.compile(r"(?<![\w.@])@[A-Za-z][\w.-]*\w")
_HOSTLIKE_RE = re.compile(r"(?<![\w.-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{1,4}[a-z]?(?![\w.-]|\.\w)")
# Upper-case prefixes that look like ticket keys but are public names.
_NOT_TICKETS = frozenset(
    "UTF ISO SHA RFC CVE CWE TLS SSL HTTP AES RSA MD IEEE ECMA COVID SARS ANSI IPV GMT UTC WCAG "
    "PCI SOC GDPR X Y TCP UDP".split()
)
_NOT_HOSTS = frozenset(("utf-8", "iso-8859-1", "sha-256", "sha-1", "sha-512", "x-1", "covid-19"))


def _domain_of(match_text: str) -> str:
    text = match_text.lower()
    if "://" in text:
        text = text.split("://", 1)[1]
    elif text.startswith("mailto:"):
        text = text[7:]
    text = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    text = text.rsplit("@", 1)[-1]
    return text.split(":", 1)[0].strip(".")


def is_public(match_text: str, public_domains: tuple[str, ...]) -> bool:
    """True when a link or host name belongs to a domain the review marked public."""
    host = _domain_of(match_text)
    for domain in public_domains:
        d = domain.strip().lower().strip(".")
        if "://" in d:
            d = _domain_of(d)
        if d and (host == d or host.endswith("." + d)):
            return True
    return False


def reference_hits(text: str, public_domains: tuple[str, ...] = ()) -> Iterator[Hit]:
    """Internal references by shape: links, host names, addresses, paths, tickets, channels."""

    def ref(m: re.Match[str], category: str, replacement: str) -> Hit:
        return Hit(m.start(), m.end(), "reference", category, replacement, P_REFERENCE)

    for m in _SCHEME_URL_RE.finditer(text):
        if not is_public(m.group(0), public_domains):
            yield ref(m, "link", LINK)
    for m in _EMAIL_RE.finditer(text):
        yield ref(m, "e-mail", EMAIL)
    for m in _HOST_RE.finditer(text):
        if not is_public(m.group(0), public_domains):
            yield ref(m, "host name", LINK)
    for m in _IPV4_RE.finditer(text):
        parts = m.group(0).split("/")[0].split(":")[0].split(".")
        if all(int(p) <= 255 for p in parts):
            yield ref(m, "IP address", ADDRESS)
    for m in _IPV6_RE.finditer(text):
        candidate = m.group(0).split("%")[0].split("/")[0]
        if candidate.count(":") >= 2 and ("::" in candidate or candidate.count(":") == 7):
            try:
                ipaddress.IPv6Address(candidate)
            except ValueError:
                continue
            yield ref(m, "IP address", ADDRESS)
    for pattern in (_UNC_RE, _WIN_PATH_RE, _POSIX_PATH_RE):
        for m in pattern.finditer(text):
            if m.group(0).count("/") + m.group(0).count("\\") >= 2:
                yield ref(m, "file path", PATH)
    for m in _TICKET_RE.finditer(text):
        if m.group(1) not in _NOT_TICKETS and not m.group(1).startswith("SEV"):
            yield ref(m, "ticket", TICKET)
    for m in _CHANNEL_RE.finditer(text):
        yield ref(m, "chat channel", CHANNEL)
    for m in _MENTION_RE.finditer(text):
        yield Hit(m.start(), m.end(), "reference", "chat handle", HANDLE, P_PERSON - 1)
    for m in _HOSTLIKE_RE.finditer(text):
        parts = m.group(0).split("-")
        # "pay-db-03", "web-01" look like machines; "top-10" and "x86-64" do not.
        if m.group(0) not in _NOT_HOSTS and (len(parts) >= 3 or parts[-1].startswith("0")):
            yield ref(m, "host name", HOST)


# --------------------------------------------------------------------------- suspicious

SEVERITY_CODE_RE = re.compile(r"(?i)\bSEV[\s-]?([1-4])\b")
_CAPITALISED_RE = re.compile(
    r"(?<![\w'’-])[A-Z\u00C0-\u00DE\u0391-\u03A9\u0410-\u042F][a-z\u00DF-\u00FF\u03AC-\u03CE\u0430-\u044F]{2,}(?![\w'’-])"
)
_ACCOUNT_RE = re.compile(r"(?<![\w.:/-])\d(?:[ -]?\d){7,}(?![\w.:/-])")
_SENTENCE_END = re.compile(r"(?:[.!?:;\n(\"“]|^[-*•]|\n[-*•])\s*$")
COMMON_CAPITALISED = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december customers customer support engineering
    sales product payments checkout database the and our we after before during when while this
    that these those then there they their it its for from with without alert incident review
    postmortem team teams service services api response times temporary metrics update rollback
    application applications logs root cause follow ups what why how who where which internal
    external version note on call""".split()
)


_INFRA_WORDS = (
    "db|api|svc|srv|prod|stg|staging|dev|internal|host|node|cluster|proxy|lb|gw|gateway|"
    "cache|redis|pg|mysql|k8s|vm|worker|queue|primary|replica|bastion|vpn"
)
_INFRA_NAME_RE = re.compile(
    rf"(?<![\w.-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:{_INFRA_WORDS})(?:-[a-z0-9]+)*(?![\w-])"
    rf"|(?<![\w.-])(?:{_INFRA_WORDS})-[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\w-])"
)


def suspicious_hits(text: str) -> Iterator[Hit]:
    """Text that is not removed but that a person should look at before sending: a capitalised
    word in mid-sentence that matches no participant (a name we do not know?), a word that
    looks like a machine or service ("orders-db", "checkout-api"), a long number that could be
    an account."""
    for m in _CAPITALISED_RE.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]  # a short look back stays linear
        first = m.start() == len(before) and not before.strip(" \t-*•")
        if first or _SENTENCE_END.search(before) or m.group(0).casefold() in COMMON_CAPITALISED:
            continue
        yield Hit(m.start(), m.end(), "suspicious", "capitalised word", "")
    for m in _INFRA_NAME_RE.finditer(text):
        yield Hit(m.start(), m.end(), "suspicious", "maybe a host or service name", "")
    for m in _ACCOUNT_RE.finditer(text):
        if len(re.sub(r"\D", "", m.group(0))) >= 8:
            yield Hit(m.start(), m.end(), "suspicious", "number like an account", "")
