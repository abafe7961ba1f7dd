#!/usr/bin/env python3
"""Time the validator and the site build at scale: `.venv/bin/python scripts/benchmark.py --help`.

The benchmark is a tool beside the package (scripts/tools/benchmark.py), not installed with it.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parent / "tools" / "benchmark.py"), run_name="__main__")
