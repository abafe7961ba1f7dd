"""What a contributor runs beside the build: stubs, new sources, and checks of the web.

None of it runs when the site is built. add_source, capture and extract need the
`sources` extra (./dev.sh add-source installs it); links, confirm, web and wayback ask
the network. Imports timeline.data and timeline.rules.
"""


class MissingSources(ModuleNotFoundError):
    """What reads an article's page was imported without the sources extra installed: the
    command says how to get it, in one line, instead of ending in a traceback."""

    def __init__(self, name: str | None) -> None:
        package = (name or "a package").partition(".")[0]  # trafilatura for trafilatura.utils
        super().__init__(
            f"{package} is not installed: reading an article's page needs the project's sources extra; "
            "run ./dev.sh add-source or ./dev.sh confirm-source, which install it",
            name=name,
        )
