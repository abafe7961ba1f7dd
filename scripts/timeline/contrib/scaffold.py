"""Starting points for new records: a file with the modeline, a valid id and every
field stubbed with a hint. Placeholders begin with TODO, and the validator refuses them,
so a stub cannot be merged until it is filled in.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from slugify import slugify

from ..data.archives import sha256
from ..data.dates import parse_date
from ..data.markup import md_text, yaml_quoted
from ..data.problems import shown
from ..data.records import ENTITY, EVENT, PLACEHOLDER, SOURCE, Kind
from ..data.schema import COMMON, read_schemas
from ..data.vocabulary import Vocabulary

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters.update(quoted=yaml_quoted, md=md_text)


def render(template: str, **values: object) -> str:
    """One of templates/ filled in (a stub, or a file of a new story's skeleton)."""
    return _ENV.get_template(template).render(**values)


def make_id(*words: str, limit: int = 80) -> str:
    """A valid id from words: '2023-11-21', 'China says 31,000 …' -> '2023-11-21-china-says-31000-…'.

    Over the limit, the id is cut at the last whole word that fits, never by leaving out a
    word from the middle (slugify's own word-boundary cut skips a long word and goes on with
    shorter ones, which turns 'at the Chiang Mai centre' into 'at-the-mai'): an id is a
    permanent address, and it should read as the words it came from.
    """
    text = " ".join(re.sub(r"(?<=[0-9]),(?=[0-9])", "", w) for w in words if w)
    slug = str(slugify(text, lowercase=True))
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0]
    return cut if cut and len(cut) <= limit else slug[:limit].rstrip("-")


def chosen_id(root: Path, record_id: str | None, made: str) -> str:
    """The id given with --id, checked against the schemas' id pattern, or else the one made
    from the record's words; ValueError naming the fix for one that is not an id."""
    if record_id is None:
        return made
    pattern = read_schemas(root / "schemas")[COMMON]["$defs"]["id"]["pattern"]
    if not re.fullmatch(pattern, record_id):
        raise ValueError(
            f"--id '{shown(record_id)}' is not an id: use lowercase letters, digits and single hyphens "
            f"between them, e.g. {make_id(record_id) or 'chinese-government'}"
        )
    return record_id


def date_words(date: str) -> str:
    """The first day or month a date names, for its id: '../2023-08-23' -> '2023-08-23'."""
    parse_date(date)  # raises DateError with the notation's hint
    return str(re.findall(r"[0-9]{4}(?:-[0-9]{2}){0,2}", date)[0])


def id_date(date: str) -> str:
    """What an event id may say of its date: the day, month or year that every day the date
    can mean falls in; '' when there is none (an open end, or a span across years).

    '2023-11-13/2023-11-19' -> '2023-11', '[2023-08-16,2023-08-23]' -> '2023-08',
    '../2023-08-23' -> ''.
    """
    parsed = parse_date(date)
    if parsed.open_start or parsed.open_end:
        return ""
    first, last = parsed.earliest, parsed.latest
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return first.isoformat()[:7]
    return str(first.year) if first.year == last.year else ""


def write_stub(root: Path, record: Kind, record_id: str, template: str, **fields: object) -> Path:
    """A record from a template in templates/; FileExistsError rather than overwrite one."""
    path = root / record.folder / f"{record_id}.yml"
    if path.exists():
        raise FileExistsError(
            f"{record.folder}/{record_id}.yml already exists; edit it, or choose another name"
        )
    text = render(template, id=record_id, path=f"{record.folder}/{record_id}.yml", **fields)
    path.write_text(text, encoding="utf-8")
    return path


def new_event(root: Path, date: str, title: str, record_id: str | None = None) -> Path:
    made = make_id(id_date(date), title)
    return write_stub(root, EVENT, chosen_id(root, record_id, made), "event.yml.j2", date=date, title=title)


def new_entity(root: Path, name: str, kind: str, record_id: str | None = None) -> Path:
    kinds = Vocabulary.of(read_schemas(root / "schemas")).entity_kinds
    if kind not in kinds:
        raise ValueError(f"kind '{kind}' is not one of {', '.join(kinds)}")
    record_id = chosen_id(root, record_id, make_id(name))
    return write_stub(root, ENTITY, record_id, "entity.yml.j2", name=name, kind=kind, kinds=kinds)


def new_source(
    root: Path, publisher: str, published: str, title: str, record_id: str | None = None
) -> tuple[Path, Path]:
    """The record and an archive file to paste the article's text into."""
    record_id = chosen_id(root, record_id, make_id(publisher, date_words(published), title, limit=60))
    text = root / SOURCE.folder / f"{record_id}.txt"
    if text.exists():
        raise FileExistsError(f"sources/{record_id}.txt already exists; edit it, or choose another name")
    path = write_stub(
        root, SOURCE, record_id, "source.yml.j2",
        title=title, publisher=publisher, published=published, text_path=f"sources/{record_id}.txt",
    )  # fmt: skip
    text.write_text(f"{PLACEHOLDER}: paste the article's text here, exactly as captured.\n", encoding="utf-8")
    return path, text


_PIN = re.compile(r'(?m)^archive_sha256: "?TODO[^\n]*$')


def pin_archive(root: Path, source_id: str) -> tuple[str, bool]:
    """The SHA-256 of sources/<id>.txt; written into the record where it holds the stub's TODO.

    A pin that is already set is never replaced: changing it is a maintainer's decision.
    """
    text, record = root / SOURCE.folder / f"{source_id}.txt", root / SOURCE.folder / f"{source_id}.yml"
    if not text.is_file() or text.is_symlink():
        raise FileNotFoundError(f"sources/{source_id}.txt does not exist; paste the article's text into it")
    digest = sha256(text.read_bytes())
    yaml = record.read_text(encoding="utf-8") if record.is_file() else ""
    if not _PIN.search(yaml):
        return digest, False
    record.write_text(_PIN.sub(f"archive_sha256: {digest}", yaml, count=1), encoding="utf-8")
    return digest, True
