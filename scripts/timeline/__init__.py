"""The timeline generator, one subpackage per layer: data (read and model) → rules (check)
→ site (what the pages show, rendered) → adapters (MkDocs, a folder, Zensical); contrib
holds what contributors run beside the build, and cli the command over all of them.

The package knows nothing about MkDocs outside adapters, so that the same pages can be
written to a folder and built by any static site generator that reads Markdown.
"""
