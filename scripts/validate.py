#!/usr/bin/env python3
"""The same as `timeline validate`, for habit's sake: `.venv/bin/python scripts/validate.py --help`."""

from timeline.shim import run

run("validate")
