#!/usr/bin/env python3
"""The same as `timeline benchmark`, for habit's sake: `.venv/bin/python scripts/benchmark.py --help`."""

from timeline.shim import run

run("benchmark")
