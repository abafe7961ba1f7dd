#!/usr/bin/env python3
"""The same as `timeline benchmark`, for habit's sake: `python scripts/benchmark.py --help`."""

import sys

from timeline.cli import main

sys.exit(main(["benchmark", *sys.argv[1:]]))
