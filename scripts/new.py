#!/usr/bin/env python3
"""The same as `timeline new`, for habit's sake: `.venv/bin/python scripts/new.py --help`."""

from timeline.shim import run

run("new")
