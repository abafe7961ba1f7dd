"""Tools for the project's developers, above the adapters: the benchmark.

Nothing the site build runs imports them; `timeline benchmark` loads them when it runs.
"""
