"""Checking the data: every rule that turns a record into problems, and the run of them.

A family of rules per module: identity (each file as a record), archived (the texts as
files), references, dating, quoting (against the archived texts), figures, hedges (a
number's or a summary's hedge kept), editorial (our own words), handwritten (the pages in
docs/, their HTML judged by page_html), over index (what the rules look up) and numbers
(numbers read in text); commands declares the rules other commands report. registry maps
every rule id to its Rule and lists the checks the validator runs, and project runs load
and those checks for a whole project. Imports only timeline.data.
"""
