"""The rules a record's schema states, and a jsonschema error said in their terms.

jsonschema's own messages speak of instances and properties; each error is translated
here, by a handler per schema keyword, into the contributor's terms, at the line of the
offending key.

Long because it declares the nineteen rules a schema states, each with its examples,
beside the handlers that report them; apart, each would have to be read with the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from jsonschema.exceptions import ValidationError

from .load import DataPath, Document
from .problems import Example, Problem, Rule, shown
from .reading_rules import TOO_MANY
from .records import is_placeholder
from .suggestions import suggest

REQUIRED_KEY = Rule(
    "required-key",
    "error",
    "a record has every key its schema requires",
    "add the key the message names",
    fails=(Example("bad/missing-key"),),
)

UNKNOWN_KEY = Rule(
    "unknown-key",
    "error",
    "a record has only the keys its schema knows (a close one is offered)",
    "rename the key to the one offered, or remove it",
    fails=(Example("bad/unknown-key"),),
)

WRONG_TYPE = Rule(
    "wrong-type",
    "error",
    "each value is of the type its schema says: text, a number, a list, a mapping",
    "write the value as the message says",
    fails=(
        Example("bad/figure-as-text"),
        Example("bad/list-as-text"),
    ),
)

BAD_VALUE = Rule(
    "bad-value",
    "error",
    "a value chosen from a list (an entity's kind, a qualifier) is one of the list",
    "use one of the values the message lists",
    fails=(Example("bad/bad-kind"),),
)

BAD_ID = Rule(
    "bad-id",
    "error",
    "an id is lower-case letters, digits and single hyphens",
    "write the id as, e.g., 'ming-xuechang'",
    fails=(Example("bad/bad-id"),),
)

BAD_TEXT = Rule(
    "bad-text",
    "error",
    "a text is on one line where one line is expected, and not blank",
    "put the text on one line",
    fails=(
        Example("bad/multiline-title"),
        Example("fabricated/form-feed-in-title"),
    ),
)

TOO_LONG = Rule(
    "too-long",
    "error",
    "a text is no longer than its schema allows",
    "shorten the text",
    fails=(Example("bad/title-too-long"),),
)

TOO_FEW = Rule(
    "too-few",
    "error",
    "a list has at least the items its schema asks for (an event cites a source)",
    "add the item the list needs",
    fails=(Example("bad/no-citations"),),
)

DUPLICATE_ITEM = Rule(
    "duplicate-item",
    "error",
    "a list names each item once",
    "remove the repeated item",
    fails=(
        Example("bad/repeated-topic"),
        Example("bad/repeated-related-report"),
    ),
)

BAD_NUMBER = Rule(
    "bad-number",
    "error",
    "a number is in its range (a latitude within 90 degrees)",
    "write a number in the range the message gives",
    fails=(Example("bad/location-bad-latitude"),),
)

MARKDOWN_BRACKETS = Rule(
    "markdown-brackets",
    "error",
    "a summary or note has at most 50 opening square brackets, whose cost in Markdown grows with "
    "their square",
    "write '[' only to start a link, and link less",
    fails=(
        Example("fabricated/summary-of-brackets"),
        Example("fabricated/entity-summary-of-link-brackets"),
    ),
)

CONTROL_CHARACTER = Rule(
    "control-character",
    "error",
    "a text holds no invisible control character, nor a line break where one line is expected",
    "delete the character the message names",
    fails=(Example("fabricated/nul-in-summary"),),
)

BAD_DATE = Rule(
    "bad-date",
    "error",
    "a date is in the notation CONTRIBUTING describes, and a real date (ASCII digits)",
    "write the date as the message says",
    fails=(
        Example("bad/free-text-date"),
        Example("bad/bad-published"),
        Example("bad/impossible-day"),
    ),
)

BAD_SHA256 = Rule(
    "bad-sha256",
    "error",
    "archive_sha256 is 64 lower-case hexadecimal digits",
    "run `./dev.sh new sha <id>`, which writes it",
    fails=(Example("fabricated/pin-not-a-sha"),),
)

BAD_LINES = Rule(
    "bad-lines",
    "error",
    "not_article and not_carried name lines (7, '25-44') that exist in the text, each once, the lower"
    " number first",
    "correct the line numbers",
    fails=(
        Example("fabricated/not-article-past-the-end"),
        Example("fabricated/not-carried-past-the-end"),
    ),
)

BAD_WIKIDATA = Rule(
    "bad-wikidata",
    "error",
    "a Wikidata identifier is Q and a number",
    "write the item's id, e.g. 'Q1234'",
    fails=(Example("bad/location-bad-wikidata"),),
)

EMPTY_QUOTE = Rule(
    "empty-quote",
    "error",
    "a quote is not empty or blank",
    "copy a passage from the archived text",
    fails=(
        Example("bad/empty-quote"),
        Example("bad/blank-quote"),
    ),
)

QUOTE_TOO_SHORT = Rule(
    "quote-too-short",
    "error",
    "a citation's quote has at least four words, or it could back any sentence",
    "quote the passage that says what the record says",
    fails=(Example("fabricated/one-word-citation"),),
)

SCHEMA = Rule(
    "schema",
    "error",
    "a record meets every other constraint its schema states",
    "change the value as the message says",
    fails=(
        Example("test:tests/test_registry.py::test_a_schema_keyword_without_its_own_message_is_reported"),
    ),
)


def field_name(path: DataPath) -> str:
    """('citations', 0, 'quote') -> 'citations[0].quote'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{shown(str(part))}" if out else shown(str(part)))
    return out or "the record"


@dataclass(frozen=True)
class _Error:
    """A jsonschema error, read once for its handler: where, the keyword's value in the
    schema, the value at fault, and the schema that holds the keyword."""

    doc: Document
    path: DataPath
    value: Any
    instance: Any
    schema: Mapping[str, Any]

    @property
    def name(self) -> str:
        return field_name(self.path)

    def problem(self, rule: Rule, message: str) -> Problem:
        return self.doc.problem(self.path, rule, message)


def translate(error: ValidationError, doc: Document) -> list[Problem]:
    """A schema error as problems in a contributor's words, pointing at the value at fault:
    the handler of its keyword says them, and a keyword without one is said as jsonschema
    says it."""
    if is_placeholder(error.instance):
        return []  # the placeholder rule says it once
    path = tuple(error.absolute_path)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    # jsonschema types these loosely (they may be "unset"); for a reported error they are set.
    found = _Error(doc, path, cast(Any, error.validator_value), cast(Any, error.instance), schema)
    handler = _HANDLERS.get(str(error.validator))
    return list(handler(found)) if handler else [found.problem(SCHEMA, f"{found.name}: {error.message}")]


def _required(e: _Error) -> Iterator[Problem]:
    described = e.schema.get("properties", {})
    for key in e.value:
        if isinstance(e.instance, dict) and key not in e.instance:
            hint = _first_sentence(described.get(key, {}).get("description", ""))
            where = "" if not e.path else f" to {e.name}"
            yield e.problem(REQUIRED_KEY, f"missing key '{key}'; add it{where}{hint}")


def _unknown_keys(e: _Error) -> Iterator[Problem]:
    allowed = set(e.schema.get("properties", {}))
    for key in sorted(set(e.instance) - allowed):
        fix = suggest(key, allowed) or f"; allowed keys are {', '.join(sorted(allowed))}"
        yield e.doc.problem((*e.path, key), UNKNOWN_KEY, f"unknown key '{shown(str(key))}'{fix}", key=True)


def _wrong_type(e: _Error) -> Iterator[Problem]:
    yield e.problem(WRONG_TYPE, _type_message(e.name, e.value, e.instance))


def _not_a_choice(e: _Error) -> Iterator[Problem]:
    choices = [str(c) for c in e.value]
    fix = suggest(str(e.instance), choices) or f"; use one of: {', '.join(choices)}"
    yield e.problem(BAD_VALUE, f"{e.name} '{shown(str(e.instance))}' is not allowed{fix}")


def _pattern(e: _Error) -> Iterator[Problem]:
    """A text that does not match: said by the rule its pattern stands for (its x-rule)."""
    named = _PATTERNS.get(e.schema.get("x-rule"))
    return named(e) if named else _text(e)


def _text(e: _Error) -> Iterator[Problem]:
    """A text that is blank, or holds a character it may not."""
    rule = e.schema.get("x-rule")
    if rule in ("one-line", "multi-line"):
        yield _text_problem(e.doc, e.path, e.instance, one_line=rule == "one-line")
    elif e.path and e.path[-1] == "quote":
        yield e.problem(EMPTY_QUOTE, f"{e.name} is empty; copy a passage from the source")
    else:
        yield e.problem(BAD_TEXT, f"{e.name} must be text on one line, not blank")


def _bad_id(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        BAD_ID,
        f"{e.name} '{shown(str(e.instance))}' is not an id; use lower-case letters, digits and single "
        "hyphens, e.g. 'ming-xuechang'",
    )


def _bad_sha256(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        BAD_SHA256,
        f"{e.name} must be 64 lower-case hexadecimal digits; `./dev.sh new sha <id>` writes it",
    )


def _bad_lines(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        BAD_LINES,
        f"{e.name} '{shown(str(e.instance))}' must be a line number (7) or a range ('25-44')",
    )


def _bad_wikidata(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        BAD_WIKIDATA,
        f"{e.name} '{shown(str(e.instance))}' is not a Wikidata item; write Q and its number",
    )


def _short_quote(e: _Error) -> Iterator[Problem]:
    if e.instance.strip():  # a blank quote is reported as empty
        yield e.problem(
            QUOTE_TOO_SHORT,
            f"{e.name} '{shown(e.instance.strip())}' has fewer than four words, and so could back any "
            "sentence; quote the passage that says what the record says",
        )


def _markdown_brackets(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        MARKDOWN_BRACKETS,
        f"{e.name} has {e.instance.count('[')} opening square brackets '[', more than 50 (Markdown's work "
        "grows with their square); write '[' only to start a link, and link less",
    )


def _too_long(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        TOO_LONG,
        f"{e.name} has {len(e.instance)} characters, more than {e.value}; shorten it",
    )


def _too_few(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        TOO_FEW,
        f"{e.name} needs at least {e.value} item(s); add {'one' if e.value == 1 else 'more'}",
    )


def _too_many(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        TOO_MANY,
        f"{e.name} has {len(e.instance)} items, more than {e.value}; keep the list short",
    )


def _repeated(e: _Error) -> Iterator[Problem]:
    yield e.problem(DUPLICATE_ITEM, f"{e.name} lists the same item twice; keep one")


def _below(e: _Error) -> Iterator[Problem]:
    yield e.problem(BAD_NUMBER, f"{e.name} must be {e.value} or more")


def _above(e: _Error) -> Iterator[Problem]:
    yield e.problem(BAD_NUMBER, f"{e.name} must be {e.value} or less")


# What a pattern stands for, by the rule its schema names (x-rule); dates get a fuller
# message from the date check, and a pattern with no rule of its own is a text's.
_PATTERNS: dict[Any, Callable[[_Error], Iterator[Problem]]] = {
    BAD_DATE.id: lambda e: iter(()),
    BAD_ID.id: _bad_id,
    BAD_SHA256.id: _bad_sha256,
    BAD_LINES.id: _bad_lines,
    BAD_WIKIDATA.id: _bad_wikidata,
    "short-quote": _short_quote,
    MARKDOWN_BRACKETS.id: _markdown_brackets,
}

# One handler per JSON Schema keyword the schemas use.
_HANDLERS: dict[str, Callable[[_Error], Iterator[Problem]]] = {
    "required": _required,
    "additionalProperties": _unknown_keys,
    "type": _wrong_type,
    "enum": _not_a_choice,
    "pattern": _pattern,
    "minLength": _text,
    "maxLength": _too_long,
    "minItems": _too_few,
    "maxItems": _too_many,
    "uniqueItems": _repeated,
    "minimum": _below,
    "maximum": _above,
}


# Characters that no text field may hold: C0 and C1 controls, line and paragraph
# separators, and the non-characters U+FFFE and U+FFFF. Multi-line text allows \n and \t.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"


def _text_problem(doc: Document, path: DataPath, text: str, *, one_line: bool) -> Problem:
    """Say which character is wrong and where, or that the text is blank."""
    name = field_name(path)
    allowed = "" if one_line else "\n\t"
    bad = next((m for m in _FORBIDDEN.finditer(text) if m.group() not in allowed), None)
    if bad is None:
        if path and path[-1] == "quote":
            return doc.problem(path, EMPTY_QUOTE, f"{name} is empty; copy a passage from the source")
        return doc.problem(path, BAD_TEXT, f"{name} is blank; write the text")
    code = f"U+{ord(bad.group()):04X}"
    at = f"character {bad.start() + 1} of the text"
    if bad.group() in _LINE_BREAKS and one_line:
        return doc.problem(
            path, BAD_TEXT, f"{name} must be text on one line: remove the line break ({code}) at {at}"
        )
    return doc.problem(
        path, CONTROL_CHARACTER, f"{name} holds the invisible control character {code} at {at}; remove it"
    )


_JSON_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "null (not known)",
    "number": "a number",
    "boolean": "true or false",
}


def _type_message(name: str, expected: Any, instance: Any) -> str:
    wanted = [expected] if isinstance(expected, str) else list(expected)
    words = " or ".join(_JSON_TYPES.get(w, w) for w in wanted)
    message = f"{name} must be {words}, not {_describe(instance)}"
    if "string" in wanted and isinstance(instance, (int, float, bool)):
        written = str(instance).lower() if isinstance(instance, bool) else instance
        message += f'; put the value in quotes: "{written}"'
    if "array" in wanted and isinstance(instance, str):
        message += "; write it as a list: '- item' on its own line"
    return message


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"


def _first_sentence(description: str) -> str:
    first = re.split(r"(?<=[a-z)'\"])\.\s+(?=[A-Z])", description)[0].rstrip(".")
    return f" ({first})" if first else ""
