"""The timeline generator: load → check → model (→ render → adapters).

The package knows nothing about MkDocs, so that the same pages can be written to a
folder and built by any static site generator that reads Markdown.
"""
