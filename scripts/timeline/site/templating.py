"""The templates and the filters that make each value safe for the context it lands in.

The templates in templates/ only lay the views out. All text that reaches a page passes
through markup.md_text (plain fields) or markup.summary_html (Markdown summaries); any
other value a template writes passes through markup.plain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..data.markup import head_text, md_text, plain, quotation, safe_url, summary_html, yaml_quoted
from ..data.vocabulary import DISAGREEMENT_KINDS
from .views import UNCONFIRMED, passages

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    """Autoescaping Jinja2 with the filters that make text safe for each context."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=written,
    )
    env.filters.update(md=md_text, summary=summary_html, url=safe_url, head=head_text, quotation=quotation)
    env.filters.update(passages=passages, yaml=front_matter_value)
    env.globals.update(unconfirmed_note=UNCONFIRMED, kind_words=DISAGREEMENT_KINDS)
    return env


def written(value: object) -> object:
    """What a template writes for a value without a filter: a whole number of px as '24',
    not '24.0' (the charts write thousands of coordinates a page), anything else as plain
    writes it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return plain(value)


def front_matter_value(text: str) -> Markup:
    """A front matter value as YAML that reads back as text (not HTML: head_text made it
    safe for the theme)."""
    return Markup(yaml_quoted(text))


_ENV = environment()


def fill(template: str, **views: Any) -> str:
    return _ENV.get_template(template).render(**views)
