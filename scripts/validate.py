#!/usr/bin/env python3
"""The same as `timeline validate`, for habit's sake: `python scripts/validate.py --help`."""

import sys

from timeline.cli import main

sys.exit(main(["validate", *sys.argv[1:]]))
