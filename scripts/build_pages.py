#!/usr/bin/env python3
"""The same as `timeline build-pages`, for habit's sake: `python scripts/build_pages.py --help`."""

import sys

from timeline.cli import main

sys.exit(main(["build-pages", *sys.argv[1:]]))
