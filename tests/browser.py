"""What the browser tests check on an open page: accessibility (axe-core), the events
shown, and the Content-Security-Policy. The browser and the server are timeline.tools.browser's.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# Resolves once two frames have passed (a click's scroll has started its transitions) and
# every finite animation or transition has ended. Evaluated, not polled: polling would
# need eval, which the Content-Security-Policy refuses.
_SETTLED = """() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))
  .then(() => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null))))"""


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations on the open page: rule, impact and the first few elements.

    axe is evaluated through the browser's debugging protocol: a <script> tag would be
    refused by the page's Content-Security-Policy, as it should. It runs once every running
    transition has ended: half-way through a fade (the header's page title, after a click
    that scrolls) text is half transparent, and axe would measure a contrast no reader sees
    at rest."""
    page.evaluate(_SETTLED)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]


def visible_events(page: Page) -> list[str]:
    """The ids of the event cards the filters leave shown."""
    return page.eval_on_selector_all(".tl-event:not([hidden])", "els => els.map(e => e.dataset.event)")


# Every Content-Security-Policy violation of a page, from its first moment.
_WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sample));"""


def watch_policy(page: Page) -> list[str]:
    """Record the policy violations of each page the tab opens (read them with violations())
    and collect what the pages report as errors, into the list returned."""
    page.add_init_script(_WATCH)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def violations(page: Page) -> list[str]:
    """The policy violations of the open page: directive, what was blocked, its first words."""
    return page.evaluate("window.__violations")
