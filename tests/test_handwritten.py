"""The hand-written pages' check: the allow-lists match what the build really renders."""

from __future__ import annotations

import re
from pathlib import Path

import material
import yaml

from conftest import REPO, make_project, run_cli
from timeline.handwritten import MARKDOWN_EXTENSIONS, check_page
from timeline.outputs import site_outputs
from timeline.paths import is_generated


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
