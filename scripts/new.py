#!/usr/bin/env python3
"""The same as `timeline new`, for habit's sake: `python scripts/new.py --help`."""

import sys

from timeline.cli import main

sys.exit(main(["new", *sys.argv[1:]]))
