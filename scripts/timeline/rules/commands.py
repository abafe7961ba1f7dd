"""The rules that commands other than the validator report: `timeline validate` on the paths
it is given, `confirm-source` on the published pages, and the build on its outputs."""

from __future__ import annotations

from ..data.problems import Example, Rule

NO_SUCH_FILE = Rule(
    "no-such-file",
    "error",
    "each path the validator is given to report on exists",
    "check the path",
    fails=(Example("base", ("events/no-such-record.yml",)),),
)

OUTSIDE_PROJECT = Rule(
    "outside-project",
    "error",
    "each path the validator is given to report on is inside the project",
    "give a path inside the project, or its --root",
    fails=(Example("base", ("/",)),),
)

PATH_CLASH = Rule(
    "path-clash",
    "error",
    "no two outputs of the build are written at the same address (the validator's reserved-path and "
    "page-address find these first)",
    "rename the page the message names",
    fails=(Example("test:tests/test_outputs.py::test_two_outputs_with_one_path_are_refused"),),
)

QUOTE_NOT_ON_PAGE = Rule(
    "quote-not-on-page",
    "error",
    "`confirm-source`: every quote cited from a source is on its published page",
    "correct the quote, or the archived text, from the published page",
    fails=(Example("confirm/forged-archive"),),
)

NOT_CONFIRMED = Rule(
    "not-confirmed",
    "warning",
    "`confirm-source`: the page of a source could be read and something quotes it",
    "try again later, or have a reviewer compare the text by hand",
    fails=(
        Example("confirm/page-not-found"),
        Example("confirm/nothing-quotes-it"),
    ),
)

CONFIRMED_NOT_REPRODUCED = Rule(
    "confirmed-not-reproduced",
    "error",
    "`confirm-source`: a confirmed field in a pull request is reproduced from the page",
    "remove the confirmed field",
    fails=(
        Example("test:tests/test_confirm.py::test_a_confirmed_field_new_since_the_base_must_be_reproduced"),
    ),
)
