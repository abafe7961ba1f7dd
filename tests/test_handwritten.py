"""The hand-written pages' check: the allow-lists match what the build really renders."""

from __future__ import annotations

import re
from pathlib import Path

import material
import yaml
from mkdocs.utils.meta import get_data

from conftest import REPO, make_project, run_cli
from timeline.data.paths import is_generated
from timeline.rules.handwritten import (
    FRONT_MATTER,
    MARKDOWN_EXTENSIONS,
    MATERIAL_FILES,
    _mkdocs_meta,
    check_page,
)
from timeline.rules.page_html import MATERIAL_NAMES, THEME_IDS, THEME_NAMES, template_names
from timeline.site.outputs import site_outputs


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's !ENV settings read as plain values."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_the_check_renders_pages_with_the_extensions_mkdocs_yml_enables():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert tuple(names) == MARKDOWN_EXTENSIONS


def test_no_file_of_the_theme_could_be_a_page_in_docs():
    """docs/ holds only .md pages, so it can replace none of Material's or overrides/' files."""
    roots = (Path(material.__file__).parent / "templates", REPO / "overrides")
    # MkDocs publishes no theme file in a folder whose name starts with a dot (.icons/).
    published = [
        f.relative_to(root)
        for root in roots
        for f in root.rglob("*")
        if f.is_file() and not any(part.startswith(".") for part in f.relative_to(root).parts)
    ]
    assert len(published) > 100
    assert [f for f in published if f.suffix == ".md"] == []


def test_every_generated_page_and_export_is_at_a_reserved_path(tmp_path: Path):
    root = make_project(tmp_path / "project")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n")
    result, outputs = site_outputs(root, root / "docs")
    assert result.ok and len(outputs) > 10
    assert [o.path for o in outputs if not is_generated(o.path)] == ["index.md"]


def test_the_real_pages_pass_and_harmless_html_stays_allowed():
    for page in sorted((REPO / "docs").glob("*.md")):
        assert check_page(page.read_bytes(), page.name) == [], page.name
    harmless = (
        "---\ntitle: T\ndescription: D\n---\n\n<details><summary>More</summary>\n\n"
        '<a href="https://example.org/a" title="x">a</a> <img src="../x.png" alt="">\n'
        '<abbr title="Operation">Op</abbr> [m](mailto:a@example.org){ .md-button }\n</details>\n'
        "\n`<script>` in code is text\n"
    )
    assert check_page(harmless.encode(), "docs/x.md") == []


def test_a_page_in_a_generated_folder_or_named_in_capitals_is_refused(tmp_path: Path):
    root = make_project(tmp_path / "project")
    (root / "docs" / "Entities").mkdir(parents=True)
    (root / "docs" / "Entities" / "cctv.md").write_text("---\ntitle: CCTV\n---\n\n# CCTV\n")
    (root / "docs" / "sources").mkdir(parents=True)
    (root / "docs" / "sources" / "cctv.md").write_text("---\ntitle: CCTV\n---\n\n# CCTV\n")
    code, out = run_cli("--root", str(root))
    assert code == 1
    assert "docs/Entities/cctv.md:1:1: error: a page's path is lowercase letters" in out
    assert "docs/sources/cctv.md:1:1: error: the build writes its own files at 'sources'" in out


def test_every_address_the_build_writes_is_reserved(tmp_path: Path):
    """Each export and the theme's folders, besides the generated pages."""
    root = make_project(tmp_path / "project")
    (root / "docs").mkdir()
    names = ("feed", "events", "data", "assets", "pagefind", "sitemap", "404", "partials", "topics")
    for name in names:
        (root / "docs" / f"{name}.md").write_text("---\ntitle: T\n---\n\n# T\n")
    code, out = run_cli("--root", str(root))
    assert code == 1
    assert sorted(re.findall(r"docs/([\w-]+)\.md:1:1: error: .*\[reserved-path\]", out)) == sorted(names)


MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def test_the_front_matter_is_read_as_mkdocs_reads_it():
    values = ("2023-02-30", "0x_", "0b_", "+0x_", "2023-13-01", "2023-02-01", "Plain", "[a", "- a", "# only")
    for value in values:
        page = f"---\ntitle: {value}\n---\n\n# About\n"
        body, meta = get_data(page)
        match = FRONT_MATTER.match(page)
        assert match is not None
        ours = _mkdocs_meta(match[1])
        assert (ours is None) == (body == page), value
        assert (ours or {}) == meta, value
    for value in ("2023-02-30", "0x_", "0b_", "+0x_", "2023-13-01", "- a"):
        problems = check_page(f"---\ntitle: {value}\n---\n\n# About\n".encode(), "docs/a.md")
        assert [(p.line, p.rule) for p in problems] == [(2, "front-matter")], value
        assert problems[0].message.startswith("MkDocs cannot read this front matter"), value
    (dated,) = check_page(b"---\ntitle: 2023-02-01\n---\n\n# About\n", "docs/a.md")
    assert dated.message.startswith("MkDocs reads this title as a date, not text")
    problems = check_page(
        b"---\ntitle: 2023-02-30\n# </article><script>x</script><article>\n---\n", "docs/a.md"
    )
    assert [(p.line, p.rule) for p in problems] == [(2, "front-matter"), *[(3, "unsafe-html")] * 3]


def test_every_id_and_name_of_materials_templates_is_refused():
    ids = template_names(MATERIAL_TEMPLATES, {"id", "for"}) | template_names(MATERIAL_TEMPLATES, {"name"})
    assert len(ids) > 10
    assert {i for i in ids if not i.startswith("_")} <= MATERIAL_NAMES <= THEME_NAMES
    assert {"tl-filters", "tl-results"} <= THEME_IDS


def test_every_file_of_materials_templates_folder_is_at_a_reserved_address():
    published = {
        f.name.partition(".")[0] for f in MATERIAL_TEMPLATES.iterdir() if not f.name.startswith((".", "_"))
    }
    assert published == MATERIAL_FILES
