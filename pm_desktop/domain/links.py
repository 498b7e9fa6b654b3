"""What a link is, recognised offline from its URL alone, and whether it may ever be opened.

Only ``http``, ``https`` and ``mailto`` links are ever opened or made clickable (in the app and
in the PDF); anything else (``javascript:``, ``file:``, ``data:``…) is kept as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True, slots=True)
class LinkKind:
    key: str  # chat, ticket, dashboard, errors, paging, docs, code, web, email, unsafe
    label: str


KINDS = {
    "chat": LinkKind("chat", "Chat thread"),
    "ticket": LinkKind("ticket", "Issue / ticket"),
    "dashboard": LinkKind("dashboard", "Dashboard"),
    "errors": LinkKind("errors", "Error tracker"),
    "paging": LinkKind("paging", "Paging / on-call"),
    "code": LinkKind("code", "Code change"),
    "docs": LinkKind("docs", "Document"),
    "web": LinkKind("web", "Web page"),
    "email": LinkKind("email", "E-mail"),
    "unsafe": LinkKind("unsafe", "Not a web link"),
}

# (kind, host pattern, path pattern or None). First match wins; patterns are lower-case.
_RULES: tuple[tuple[str, str, str | None], ...] = (
    ("chat", r"(^|\.)slack\.com$", None),
    ("chat", r"(^|\.)teams\.microsoft\.com$", None),
    ("chat", r"(^|\.)discord(app)?\.com$", r"^/channels/"),
    ("chat", r"(^|\.)zulipchat\.com$", None),
    ("chat", r"(^|\.)mattermost\.", None),
    ("chat", r"(^|\.)chat\.google\.com$", None),
    ("chat", r"", r"^/archives/"),
    ("paging", r"(^|\.)pagerduty\.com$", None),
    ("paging", r"(^|\.)opsgenie\.com$", None),
    ("paging", r"(^|\.)(victorops|splunkoncall)\.com$", None),
    ("paging", r"(^|\.)incident\.io$", None),
    ("paging", r"(^|\.)firehydrant\.(io|com)$", None),
    ("errors", r"(^|\.)sentry\.io$", None),
    ("errors", r"(^|\.)(rollbar|bugsnag|honeybadger|raygun)\.(com|io)$", None),
    ("errors", r"^sentry\.", None),
    ("dashboard", r"(^|\.)grafana\.", None),
    ("dashboard", r"(^|\.)grafana\.(net|com)$", None),
    ("dashboard", r"(^|\.)datadoghq\.(com|eu)$", None),
    ("dashboard", r"(^|\.)newrelic\.com$", None),
    ("dashboard", r"(^|\.)(kibana|prometheus|honeycomb|signalfx|lightstep|dynatrace)\.", None),
    ("dashboard", r"(^|\.)console\.aws\.amazon\.com$", r"^/cloudwatch"),
    ("dashboard", r"(^|\.)console\.cloud\.google\.com$", r"^/monitoring"),
    ("dashboard", r"", r"^/d/|/dashboards?/"),
    (
        "code",
        r"(^|\.)(github|gitlab|bitbucket)\.(com|org)$",
        r"/(pull|merge_requests|commit|compare)s?/",
    ),
    ("ticket", r"(^|\.)atlassian\.net$", r"^/(browse|jira|servicedesk)/"),
    ("ticket", r"(^|\.)(github|gitlab)\.com$", r"/issues/"),
    ("ticket", r"(^|\.)linear\.app$", None),
    ("ticket", r"(^|\.)(zendesk|freshdesk|intercom|helpscout)\.(com|net|io)$", None),
    ("ticket", r"(^|\.)servicenow\.com$", None),
    ("ticket", r"", r"^/browse/[a-z][a-z0-9]+-\d+"),
    ("ticket", r"^jira\.", None),
    ("docs", r"(^|\.)docs\.google\.com$", None),
    ("docs", r"(^|\.)notion\.(so|site)$", None),
    ("docs", r"(^|\.)atlassian\.net$", r"^/wiki/"),
    ("docs", r"^confluence\.", None),
)
_COMPILED = tuple(
    (k, re.compile(h) if h else None, re.compile(p) if p else None) for k, h, p in _RULES
)


def is_safe_url(url: str) -> bool:
    """True only for http(s) with a host, and mailto with an address."""
    if (
        not isinstance(url, str)
        or len(url) > 8192
        or any(ch.isspace() or ord(ch) < 32 for ch in url.strip())
    ):
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        return False
    if scheme == "mailto":
        return bool(parts.path) and "@" in parts.path
    return bool(parts.hostname)


def classify_url(url: str) -> LinkKind:
    if not is_safe_url(url):
        return KINDS["unsafe"]
    parts = urlsplit(url.strip())
    if parts.scheme.lower() == "mailto":
        return KINDS["email"]
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    for kind, host_re, path_re in _COMPILED:
        if host_re is not None and not host_re.search(host):
            continue
        if path_re is not None and not path_re.search(path):
            continue
        return KINDS[kind]
    return KINDS["web"]


def looks_like_url(text: str) -> bool:
    """A lone URL (what a paste or a browser drop of one link looks like)."""
    stripped = text.strip()
    return "\n" not in stripped and " " not in stripped and is_safe_url(stripped)
