"""Pages from their templates, and HTML from the same texts the command line prints: Markdown walkthroughs,
transcripts with evidence marked.

Everything a person typed is escaped before any markup is added around it; Markdown is rendered with raw
HTML disabled, so an answer holding ``<script>`` or a ``javascript:`` link shows as text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from sdcoach.web.security import csrf_token, signed_in

TEMPLATES = Path(__file__).parent / "templates"
_DIAGRAM_LABEL = "Data-flow diagram: drag to pan, use the buttons to zoom or open it full screen"


@cache
def templates() -> Jinja2Templates:
    """The Jinja environment (autoescaping on) with sdcoach's filters."""
    from sdcoach.web.links import practice_link

    env = Jinja2Templates(directory=str(TEMPLATES))
    env.env.filters["markdown"] = markdown_html
    env.env.filters["minutes"] = lambda seconds: f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    env.env.filters["percent"] = lambda value: "—" if value is None else f"{value:.0%}"
    env.env.filters["practice"] = practice_link
    return env


def warm_templates() -> None:
    """Compile every template now (Jinja compiles each on its first use, and keeps it)."""
    env = templates().env
    for path in sorted(TEMPLATES.glob("*.html")):
        env.get_template(path.name)


def page(request: Request, name: str, **context: object) -> HTMLResponse:
    """A full page or a fragment from its template, with the CSRF token and mode every template needs."""
    base = {
        "csrf": csrf_token(request),
        "multi_user": request.app.state.multi_user,
        "email": account.email if (account := signed_in(request)) else None,
    }
    response: HTMLResponse = templates().TemplateResponse(request, name, {**base, **context})
    return response


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    md: Any = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    default_fence = md.renderer.rules["fence"]

    def fence(tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        if token.info.strip() == "mermaid":  # drawn in the browser by the vendored Mermaid, zoomed by diagrams.js
            drawing = f'<pre class="mermaid">{escape(token.content)}</pre>'
            return f'<figure class="diagram" aria-label="{_DIAGRAM_LABEL}">{drawing}</figure>\n'
        return str(default_fence(tokens, idx, options, env))

    def heading_open(tokens: Any, idx: int, options: Any, env: Any) -> str:
        # Every heading gets an id, so search results and a table of contents can link to it: a walkthrough
        # section takes its stable section id ("scaling"), any other heading a slug of its words.
        token = tokens[idx]
        title = tokens[idx + 1].content if idx + 1 < len(tokens) else ""
        ident = _heading_id(title, env.setdefault("ids", set()))
        token.attrSet("id", ident)
        env.setdefault("contents", []).append(Heading(int(token.tag[1]), ident, title))
        return str(md.renderer.renderToken(tokens, idx, options, env))

    md.renderer.rules["fence"] = fence
    md.renderer.rules["heading_open"] = heading_open
    md.validateLink = lambda url: url.lower().startswith(("http://", "https://", "#", "/"))
    return md


def _heading_id(title: str, taken: set[str]) -> str:
    from sdcoach.engine.walkthrough import Section

    by_heading = {section.heading: section.value for section in Section}
    base = by_heading.get(title.strip()) or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


@lru_cache(maxsize=64)
def markdown_html(text: str) -> Markup:
    """Markdown to HTML with raw HTML shown as text and only http(s) or local links allowed."""
    return Markup(_markdown().render(text))


@dataclass(frozen=True)
class Heading:
    """One entry of a page's table of contents."""

    level: int
    id: str
    title: str


# The interviewer's answer to a clarifying question, folded away so the reader can guess it first.
_ANSWER = re.compile(r"<li>Interviewer(?:'|&#39;|’)s answer: (.*?)</li>", re.S)
_FOLDED = (
    r'<li class="answer-item"><details class="answer"><summary>Interviewer\'s answer</summary>'
    r"<div>\1</div></details></li>"
)


@lru_cache(maxsize=16)
def walkthrough_html(text: str) -> tuple[Markup, tuple[Heading, ...]]:
    """A walkthrough's HTML with the interviewer's answers folded, and its headings (level 2 and 3) as contents."""
    env: dict[str, Any] = {}
    html = _ANSWER.sub(_FOLDED, _markdown().render(text, env))
    return Markup(html), tuple(h for h in env.get("contents", []) if h.level in (2, 3))


def script_json(value: Any) -> Markup:
    """JSON to embed in ``<script type="application/json">``: not HTML-escaped (the browser does not decode
    entities inside a script, so ``JSON.parse`` would meet ``&#34;``), with ``<``, ``>`` and ``&`` written as
    JSON escapes so no string can close the script element."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def marked(text: str, quotes: list[tuple[str, str]]) -> Markup:
    """``text`` escaped, with each evidence quote wrapped in ``<mark id=...>`` where it occurs."""
    html = str(escape(text))
    for anchor, quote in quotes:
        safe = str(escape(quote))
        if safe and safe in html:
            html = html.replace(safe, f'<mark id="{escape(anchor)}">{safe}</mark>', 1)
    return Markup(html)
