"""The story's settings: the timeline plugin's options in mkdocs.yml, read and checked in
one place for every adapter (the MkDocs plugin, the folder writer and Zensical), so that
each builds the same site of the same story.

Everything that belongs to one story (its name, what it covers, its map, the measure its
figures page charts) is set here rather than in the package, so that another newsroom's
story builds with the same code.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..site.info import BadSetting, SiteInfo
from ..site.locator import drawing

PLUGIN = "timeline"
STORY_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class TimelineConfig(Config):
    # No option names the project folder: it is always mkdocs.yml's, the folder the
    # validator checks (an option could point the build at data no check has seen).
    # Fail the build on warnings too (unused entities, look-alike names), not only errors.
    strict_data = c.Type(bool, default=False)
    # A longer timeline is split into a page a year (or a month), under an overview.
    events_per_page = c.Type(int, default=SiteInfo.events_per_page)
    # A longer list of an entity's events, or of what cites a source, goes on to further pages.
    events_per_entity_page = c.Type(int, default=SiteInfo.events_per_entity_page)
    # A longer index of people, organisations and places, or of sources, goes on to further pages.
    entries_per_index_page = c.Type(int, default=SiteInfo.entries_per_index_page)
    # More reported figures (or disagreements) than this: a page for each measure, under an overview.
    figures_per_page = c.Type(int, default=SiteInfo.figures_per_page)
    # What the timeline covers, as it reads after "Every event of" in the pages' descriptions.
    subject = c.Type(str, default=SiteInfo.subject)
    # Lowercase words and hyphens, in the exports' URNs and calendar UIDs: keep it once published.
    story_id = c.Type(str, default=SiteInfo.story_id)
    # The locator map's boundaries, a GeoJSON file in the project; no map without one.
    map_region = c.Optional(c.Type(str))
    # The countries the story is about, as the region file names them: drawn stronger and
    # named on the map, in this order.
    map_focus = c.ListOfItems(c.Type(str), default=[])
    # The measure whose reports the figures page charts (by default, the most reported one).
    figures_chart = c.Optional(c.Type(str))
    # A share card (og:image) for every page, drawn at build time: about 60 ms of CPU a page
    # the first time, then cached. A very large story may turn them off.
    share_cards = c.Type(bool, default=SiteInfo.share_cards)


def site_info(
    root: Path, name: str, options: TimelineConfig, site_url: str | None, repo_url: str | None
) -> SiteInfo:
    """The site as the settings describe it; BadSetting when one cannot be used."""
    if not STORY_ID.fullmatch(options.story_id):
        raise BadSetting(
            f"story_id: '{options.story_id[:40]}' is not lowercase letters, digits and single "
            "hyphens; write e.g. story_id: my-story-timeline under the timeline plugin"
        )
    return SiteInfo(
        site_url=site_url,
        repo_url=repo_url,
        name=name,
        subject=options.subject,
        story_id=options.story_id,
        map_region=_region(root, options.map_region, tuple(options.map_focus)),
        map_focus=tuple(options.map_focus),
        figures_chart=options.figures_chart,
        events_per_page=options.events_per_page,
        events_per_entity_page=options.events_per_entity_page,
        entries_per_index_page=options.entries_per_index_page,
        figures_per_page=options.figures_per_page,
        share_cards=options.share_cards,
    )


def _region(root: Path, setting: str | None, focus: tuple[str, ...]) -> Path | None:
    """The map's boundaries file, checked to be in the project and drawable, with every
    country of `focus` in it."""
    if setting is None:
        if focus:
            raise BadSetting("map_focus names countries but there is no map; set map_region too")
        return None
    path = (root / setting).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        raise BadSetting(
            f"map_region: '{setting[:40]}' is not a file in the project; give the path of a "
            "GeoJSON file from mkdocs.yml's folder, e.g. maps/region.geo.json"
        )
    try:
        named = {text.text for text in drawing(path, focus).names}
    except (ValueError, KeyError, TypeError, IndexError, ZeroDivisionError) as err:
        raise BadSetting(
            f"map_region: {setting[:40]} is not a GeoJSON FeatureCollection with a bbox and "
            f"(Multi)Polygon features named in their properties ({type(err).__name__}); "
            "make it with scripts/tools/geodata.py"
        ) from None
    if missing := [country for country in focus if country not in named]:
        raise BadSetting(
            f"map_focus: '{missing[0][:40]}' is not a country of {setting[:40]}; use a name "
            "as its features' properties give it"
        )
    return path


class MkDocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV NAME` and `!ENV [NAME, ..., default]` are resolved."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *name_nodes, default_node = node.value
        names = [loader.construct_scalar(n) for n in name_nodes]
        default = loader.construct_object(default_node)
    return next((os.environ[name] for name in names if name in os.environ), default)


MkDocsYamlLoader.add_constructor("!ENV", _env)


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml, as MkDocs reads it."""
    config: dict[str, Any] = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), MkDocsYamlLoader)
    return config


def plugin_name(entry: str | dict[str, Any]) -> str:
    """A plugins: entry is a name, or a mapping of the name to its settings."""
    return entry if isinstance(entry, str) else next(iter(entry))


def project_site(root: Path, site_url: str | None, repo_url: str | None) -> SiteInfo:
    """The site as the project's mkdocs.yml describes it, for a build without MkDocs."""
    config = read_mkdocs_yml(root)
    entry = next((p for p in config.get("plugins", []) if plugin_name(p) == PLUGIN), PLUGIN)
    options = TimelineConfig()
    options.load_dict((entry[PLUGIN] if isinstance(entry, dict) else None) or {})
    failed, _ = options.validate()
    if failed:
        key, error = failed[0]
        raise BadSetting(f"the timeline plugin's option {key}: {error}")
    return site_info(root, str(config.get("site_name", SiteInfo.name)), options, site_url, repo_url)
