#!/usr/bin/env python3
"""Time the validator and the site build at scale: `timeline benchmark`, under its old name.

`.venv/bin/python scripts/benchmark.py --help` lists the same options as `timeline benchmark --help`.
"""

import sys

from timeline.cli import main

sys.exit(main(["benchmark", *sys.argv[1:]]))
