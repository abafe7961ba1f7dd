"""Checking the data: every rule that turns a record into problems, and the run of them.

check holds the schema's companions (references, dates, quotes, figures), editorial the
rules about our own words, numbers the reading of numbers in text, handwritten the pages
in docs/; project runs load and check for a whole project. Imports only timeline.data.
"""
