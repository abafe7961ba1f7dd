#!/usr/bin/env python3
"""The same as `timeline build-pages`, for habit's sake: `.venv/bin/python scripts/build_pages.py --help`."""

from timeline.shim import run

run("build-pages")
