"""The rules on reading a file safely, which the loader and the file discovery report:
what a data folder may hold, and what a file must be to be read as one record."""

from __future__ import annotations

from .problems import Example, Rule

YAML_SYNTAX = Rule(
    "yaml-syntax",
    "error",
    "the file is YAML that can be read: no complex keys, no control characters",
    "fix the line named, as the message says",
    fails=(Example("bad/complex-key"), Example("bad/control-character")),
)


YAML_TAG = Rule(
    "yaml-tag",
    "error",
    "the YAML holds no tags ('!!python/object', '!custom')",
    "remove the tag; write the value as plain text",
    fails=(Example("bad/python-object-tag"),),
)


YAML_ANCHOR = Rule(
    "yaml-anchor",
    "error",
    "the YAML holds no anchors or aliases ('&a', '*a'), which can multiply a file without bound",
    "write each value out in full",
    fails=(Example("bad/billion-laughs"),),
)


DUPLICATE_KEY = Rule(
    "duplicate-key",
    "error",
    "no mapping holds a key twice (YAML would keep the last, silently)",
    "keep one of the two keys",
    fails=(Example("bad/duplicate-key"),),
)


MULTIPLE_DOCUMENTS = Rule(
    "multiple-documents",
    "error",
    "a file holds one YAML document: no second '---'",
    "move the second record to a file of its own",
    fails=(Example("bad/multiple-documents"),),
)


TOO_DEEP = Rule(
    "too-deep",
    "error",
    "values nest at most 32 levels deep (a record needs four)",
    "flatten the value",
    fails=(Example("bad/too-deep"),),
)


TOO_MANY = Rule(
    "too-many",
    "error",
    "a list or mapping holds at most 500 items, and a list no more than its schema allows",
    "keep the list short",
    fails=(Example("fabricated/too-many-items"),),
)


ENCODING = Rule(
    "encoding",
    "error",
    "a file is UTF-8 without a byte-order mark",
    "save the file as UTF-8, without a BOM",
    fails=(
        Example("bad/byte-order-mark"),
        Example("bad/invalid-utf8"),
    ),
)


FILE_TOO_LARGE = Rule(
    "file-too-large",
    "error",
    "a record is at most 256 KiB, an archived text at most 2 MiB, checked before it is read",
    "keep one record per file, and the article alone in its text",
    fails=(Example("test:tests/test_bad_inputs.py::test_a_huge_file_is_refused_before_parsing"),),
)


EMPTY_FILE = Rule(
    "empty-file",
    "error",
    "a record's file holds a record, not only comments or nothing",
    "write the record, or remove the file",
    fails=(
        Example("bad/empty-file"),
        Example("bad/only-comments"),
    ),
)


NOT_A_MAPPING = Rule(
    "not-a-mapping",
    "error",
    "a record is a mapping of keys to values, not a list or a lone value",
    "write the record as 'key: value' lines",
    fails=(
        Example("bad/list-not-mapping"),
        Example("bad/scalar-not-mapping"),
    ),
)


UNEXPECTED_FILE = Rule(
    "unexpected-file",
    "error",
    "a data folder holds only its records (and a README.md), docs/ only .md pages: nothing is skipped unseen",
    "move or remove the file, or the sub-folder",
    fails=(
        Example("bad/docs-replaces-theme-script"),
        Example("fabricated/record-in-a-subfolder"),
        Example("fabricated/stray-file"),
    ),
)


NOT_A_REGULAR_FILE = Rule(
    "not-a-regular-file",
    "error",
    "every file and folder the build reads is itself, not a symbolic link or a special file",
    "replace the link with the file it points at",
    fails=(
        Example("fabricated/archive-is-a-link"),
        Example("fabricated/data-folder-is-a-link"),
    ),
)


FILE_NAME = Rule(
    "file-name",
    "error",
    "a record's file is named by its id, in lower case, and ends in .yml",
    "rename the file as the message says",
    fails=(
        Example("bad/file-not-an-id"),
        Example("bad/yaml-extension"),
    ),
)


UNREADABLE = Rule(
    "unreadable",
    "error",
    "every file can be read",
    "give the file read permission, or remove it",
    fails=(Example("test:tests/test_registry.py::test_a_file_that_cannot_be_read_is_one_line"),),
)
