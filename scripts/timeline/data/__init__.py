"""Reading a project and the typed model of what it holds: the lowest layer.

Files are read safely (files, load), parsed into records with positions (records, schema,
dates, vocabulary, archives, quotes, lookalike, markers, urls) and built into the model
the pages show (model). The rules this layer itself reports are declared here, where it
can import them: reading_rules (reading a file) and schema_errors (what a schema states,
with suggestions' "did you mean"). Two modules that both the rules and the site need sit here, so
that neither layer imports the other for them: markup (text made safe for a page) and
paths (where each page of the site goes). Nothing here imports another subpackage.
"""
