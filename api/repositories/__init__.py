"""Repositories: every SQL query of the write side, by entity (issue 7, point 3).

Routes and services call these functions and never build queries themselves. ``slots``:
versions of a slot; ``articles``: articles, sections, titles, article readability;
``history``: version events with their change rows; ``changes``: the change log;
``accounts``: accounts, tokens and grants. The read snapshot (``api.services.store``) keeps
its own bulk loading queries.
"""
