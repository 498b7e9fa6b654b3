"""The review as one self-contained HTML file: readable on a phone, printable, safe to open.

Content and order come from :mod:`pm_desktop.export.rendered` (the Markdown exporter's layout,
so the profile rules are the same). The file loads nothing: the style sheet is inline, images are
``data:`` URIs of bytes the one picture decoder accepted, there are no scripts, and the only links
are the ones :func:`~pm_desktop.domain.links.is_safe_url` allowed. Every piece of user text is
escaped; raw HTML other than our own line breaks is printed as text.
"""

from __future__ import annotations

import base64
import re
from html import escape

from markdown_it.token import Token

from .job import ExportJob, atomic_output
from .profiles import apply_profile
from .rendered import RenderedReview, heading_anchor, image_bytes, parser, render_review
from .svg_chart import timeline_chart_svg
from .svg_tree import why_tree_svg
from .whys_view import branch_info

_TREE_HEADING = re.compile(r"Tree (\d+): ")

STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1b1f24; background: #fff; margin: 0 auto; padding: 1rem; max-width: 54rem;
  overflow-wrap: anywhere; }
h1 { font-size: 1.7rem; line-height: 1.2; }
h2 { font-size: 1.35rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem;
  margin-top: 2rem; }
h3 { font-size: 1.1rem; } h4 { font-size: 1rem; }
blockquote { margin: 0; padding: .2rem 1rem; border-left: 4px solid #8c959f; background: #f6f8fa; }
.table { overflow-x: auto; margin: .8rem 0; }
table { border-collapse: collapse; min-width: 60%; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
ul ul { margin: .1rem 0; }
.treebox { overflow-x: auto; margin: .6rem 0; }
svg.tree, svg.chart { display: block; }
td.status { white-space: nowrap; font-weight: 600; }
td.todo { color: #57606a; } td.doing { color: #0550ae; } td.done { color: #1a7f37; }
td.dropped { color: #6e7781; text-decoration: line-through; }
@media (max-width: 40rem) { body { font-size: 15px; padding: .6rem; } th, td { padding: .2rem; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; }
  tr, img, pre, blockquote { break-inside: avoid; }
  .table, .treebox { overflow: visible; }
  svg.tree, svg.chart { max-width: 100%; height: auto; }
}
"""


_DIRECTED = frozenset({"paragraph_open", "list_item_open", "td_open", "th_open"})


def _html_inline(self, tokens: list[Token], idx: int, options, env) -> str:
    content = tokens[idx].content
    return "<br />" if content.strip().lower() in ("<br>", "<br/>", "<br />") else escape(content)


def _html_block(self, tokens: list[Token], idx: int, options, env) -> str:
    return f"<p>{escape(tokens[idx].content)}</p>\n"


def _heading_open(self, tokens: list[Token], idx: int, options, env) -> str:
    anchor = heading_anchor(tokens, idx)
    tag = tokens[idx].tag
    # The title is the review's own words; other headings start with ours ("Tree 1: …").
    direction = ' dir="auto"' if tag == "h1" else ""
    return f'<{tag} id="{escape(anchor)}"{direction}>' if anchor else f"<{tag}{direction}>"


def _heading_close(self, tokens: list[Token], idx: int, options, env) -> str:
    """After the Timeline heading, the chart; after each "Tree n" heading of the five whys, the
    tree; both as inline SVG."""
    close = f"</{tokens[idx].tag}>\n"
    if tokens[idx].tag == "h2" and tokens[idx - 1].content.strip() == "Timeline":
        chart = timeline_chart_svg(env["view"])
        return close + (f'<div class="treebox">{chart}</div>\n' if chart else "")
    match = _TREE_HEADING.match(tokens[idx - 1].content) if tokens[idx].tag == "h3" else None
    roots = env["view"].why_roots()
    if match is None or not 0 < int(match.group(1)) <= len(roots):
        return close
    try:
        svg = why_tree_svg(env["view"], roots[int(match.group(1)) - 1].id, env["branches"])
    except ValueError:  # a tree the layout refuses (a cycle) stays a list only
        return close
    return close + f'<div class="treebox">{svg}</div>\n'


def _table_open(self, tokens: list[Token], idx: int, options, env) -> str:
    return '<div class="table"><table>\n'


def _table_close(self, tokens: list[Token], idx: int, options, env) -> str:
    return "</table></div>\n"


def _td_open(self, tokens: list[Token], idx: int, options, env) -> str:
    status = tokens[idx + 1].meta.get("status") if idx + 1 < len(tokens) else None
    if status:  # a follow-up's status cell (see export/rendered.py)
        return f'<td class="status {escape(status)}" dir="auto">'
    return self.renderToken(tokens, idx, options, env)


def _image(self, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    rendered: RenderedReview = env["rendered"]
    alt = self.renderInlineAsText(token.children or [], options, env)
    name = rendered.image_name(token)
    found = image_bytes(env["job"], rendered.images[name]) if name else None
    if found is None:
        return f"<em>{escape(alt)} (image not included)</em>"
    mime, data = found
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return f'<img src="{uri}" alt="{escape(alt)}" />'


def render_html(job: ExportJob) -> str:
    """The whole HTML document as text."""
    rendered = render_review(job)
    md = parser()
    for name, rule in (
        ("html_inline", _html_inline),
        ("html_block", _html_block),
        ("heading_open", _heading_open),
        ("heading_close", _heading_close),
        ("table_open", _table_open),
        ("table_close", _table_close),
        ("td_open", _td_open),
        ("image", _image),
    ):
        md.add_render_rule(name, rule)
    for token in rendered.tokens:
        if token.type in _DIRECTED:
            # each block takes its direction from its own text: an Arabic or Hebrew paragraph,
            # cell or list item reads right to left and is right-aligned
            token.attrSet("dir", "auto")
    view = apply_profile(job.review, job.profile)
    env = {"rendered": rendered, "job": job, "view": view, "branches": branch_info(view)}
    body = md.renderer.render(rendered.tokens, md.options, env)
    title = next(
        (rendered.tokens[i + 1].content for i, t in enumerate(rendered.tokens) if t.tag == "h1"),
        "Review",
    )
    title_text = md.renderInline(title).replace("<br />", " ")
    plain = _strip_tags(title_text)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        '<meta name="referrer" content="no-referrer" />\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\" />\n"
        f"<title>{plain}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _strip_tags(html_text: str) -> str:
    """Our own rendering of a title, tags removed (the text inside stays escaped)."""
    out, inside = [], False
    for ch in html_text:
        if ch == "<":
            inside = True
        elif ch == ">" and inside:
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)


def export_html(job: ExportJob) -> None:
    """The ``html`` format of :func:`pm_desktop.export.run_export`."""
    job.progress(0.0, "Writing HTML")
    text = render_html(job)
    with atomic_output(job.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    job.progress(1.0, "Done")
