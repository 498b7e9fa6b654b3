"""The review in Confluence storage format: the XHTML a Confluence page is stored as.

Content and order come from :mod:`pm_desktop.export.rendered` (the PDF's sections, per profile).
Tables are plain XHTML tables; the follow-ups' statuses are ``status`` macro lozenges; logs are
``code`` macros; screenshots and the why-trees (SVG drawings) are ``ac:image`` elements naming
attachments, written beside the file in ``NAME_files/`` under the same rules as the Markdown export's images (a marked folder,
replaced only when we made it, put in place with the file). Upload the images as the page's
attachments and the page shows them. Every piece of user text is escaped; the output is
well-formed XML once wrapped in an element declaring the ``ac`` and ``ri`` namespaces.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS

from .beside import write_with_folder
from .job import ExportJob
from .profiles import apply_profile
from .rendered import RenderedReview, parser, render_review, xml_text
from .svg_chart import timeline_chart_svg
from .svg_tree import why_tree_svg
from .whys_view import branch_info

_TREE_HEADING = re.compile(r"Tree (\d+): ")

STATUS_COLOURS = {"todo": "Grey", "doing": "Blue", "done": "Green", "dropped": "Red"}


def status_macro(status: str) -> str:
    title = escape(FOLLOWUP_STATUS_LABELS.get(status, status))
    colour = STATUS_COLOURS.get(status, "Grey")
    return (
        '<ac:structured-macro ac:name="status">'
        f'<ac:parameter ac:name="colour">{colour}</ac:parameter>'
        f'<ac:parameter ac:name="title">{title}</ac:parameter>'
        "</ac:structured-macro>"
    )


def _literal(text: str) -> str:
    return escape(text, quote=False)


def _html_inline(self, tokens: list[Token], idx: int, options, env) -> str:
    content = tokens[idx].content
    return "<br />" if content.strip().lower() in ("<br>", "<br/>", "<br />") else _literal(content)


def _html_block(self, tokens: list[Token], idx: int, options, env) -> str:
    return f"<p>{_literal(tokens[idx].content)}</p>\n"


def _code(self, tokens: list[Token], idx: int, options, env) -> str:
    body = tokens[idx].content.replace("]]>", "]]]]><![CDATA[>")
    return (
        '<ac:structured-macro ac:name="code"><ac:plain-text-body>'
        f"<![CDATA[{body}]]></ac:plain-text-body></ac:structured-macro>\n"
    )


def _nothing(self, tokens: list[Token], idx: int, options, env) -> str:
    return ""


def _table_open(self, tokens: list[Token], idx: int, options, env) -> str:
    return "<table><tbody>\n"


def _table_close(self, tokens: list[Token], idx: int, options, env) -> str:
    return "</tbody></table>\n"


def _td_open(self, tokens: list[Token], idx: int, options, env) -> str:
    inline = tokens[idx + 1] if idx + 1 < len(tokens) else None
    status = inline.meta.get("status") if inline is not None else None
    # the follow-up board's status cell: a lozenge instead of the word
    if status and inline is not None:
        inline.children = []
        return f"<td>{status_macro(status)}"
    return "<td>"


def _link_open(self, tokens: list[Token], idx: int, options, env) -> str:
    href = str(tokens[idx].attrGet("href") or "")
    if href.startswith("#"):  # the contents list: Confluence makes its own anchors
        env["skipped_links"] = env.get("skipped_links", 0) + 1
        tokens[idx].meta["skipped"] = True
        return ""
    return f'<a href="{escape(href)}">'


def _link_close(self, tokens: list[Token], idx: int, options, env) -> str:
    # markdown-it pairs the close with the latest open at the same nesting
    for j in range(idx - 1, -1, -1):
        if tokens[j].type == "link_open":
            return "" if tokens[j].meta.get("skipped") else "</a>"
    return "</a>"


def _image(self, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    rendered: RenderedReview = env["rendered"]
    alt = self.renderInlineAsText(token.children or [], options, env)
    name = rendered.image_name(token)
    if name is None:
        return f"<em>{_literal(alt)} (image not included)</em>"
    return (
        f'<ac:image ac:alt="{escape(alt)}"><ri:attachment ri:filename="{escape(name)}" />'
        "</ac:image>"
    )


def _heading_close(self, tokens: list[Token], idx: int, options, env) -> str:
    """After the Timeline heading the chart, after each "Tree n" heading of the five whys the
    tree, each as an SVG attachment."""
    close = f"</{tokens[idx].tag}>\n"
    if tokens[idx].tag == "h2" and tokens[idx - 1].content.strip() == "Timeline":
        chart = timeline_chart_svg(env["view"]) if env["job"].images else None
        if chart is None:
            return close
        env["drawings"]["timeline-chart.svg"] = chart
        return close + (
            '<p><ac:image ac:alt="Timeline chart"><ri:attachment '
            'ri:filename="timeline-chart.svg" /></ac:image></p>\n'
        )
    match = _TREE_HEADING.match(tokens[idx - 1].content) if tokens[idx].tag == "h3" else None
    view = env["view"]
    roots = view.why_roots() if env["job"].images else []
    if match is None or not 0 < int(match.group(1)) <= len(roots):
        return close
    try:
        svg = why_tree_svg(view, roots[int(match.group(1)) - 1].id, branch_info(view))
    except ValueError:  # a tree the layout refuses (a cycle) stays a list only
        return close
    name = f"why-tree-{match.group(1)}.svg"
    env["drawings"][name] = svg
    return close + (
        f'<p><ac:image ac:alt="Why-tree {match.group(1)}"><ri:attachment ri:filename="{name}" />'
        "</ac:image></p>\n"
    )


RULES = {
    "html_inline": _html_inline,
    "html_block": _html_block,
    "fence": _code,
    "code_block": _code,
    "table_open": _table_open,
    "table_close": _table_close,
    "thead_open": _nothing,
    "thead_close": _nothing,
    "tbody_open": _nothing,
    "tbody_close": _nothing,
    "td_open": _td_open,
    "link_open": _link_open,
    "link_close": _link_close,
    "image": _image,
    "heading_close": _heading_close,
}


def render_confluence(job: ExportJob) -> tuple[str, RenderedReview, dict[str, str]]:
    """The page body, the parsed review (its images are attachments to write) and the
    why-tree drawings to attach (file name → SVG text)."""
    rendered = render_review(job)
    md = parser()
    for name, rule in RULES.items():
        md.add_render_rule(name, rule)
    env: dict[str, Any] = {
        "rendered": rendered,
        "job": job,
        "view": apply_profile(job.review, job.profile),
        "drawings": {},
    }
    body = md.renderer.render(rendered.tokens, md.options, env)
    return xml_text(body), rendered, env["drawings"]


def export_confluence(job: ExportJob) -> None:
    """The ``confluence`` format of :func:`pm_desktop.export.run_export`."""
    out = Path(job.out)
    job.progress(0.0, "Writing the Confluence page")
    text, rendered, drawings = render_confluence(job)
    files: list[tuple[str, Callable[[], bytes]]] = [
        (name, functools.partial(job.read_blob, sha))
        for name, sha in (sorted(rendered.images.items()) if job.images else [])
    ]
    files += [(name, functools.partial(str.encode, drawings[name])) for name in sorted(drawings)]
    write_with_folder(job, out, text, files, what="attachments", start=0.5)
    job.progress(1.0, "Done")
