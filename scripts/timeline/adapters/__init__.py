"""Adapters: hand the generated site to a site generator (MkDocs) or to a folder (any other)."""
