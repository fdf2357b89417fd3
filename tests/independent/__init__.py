"""Independent checks of the shipped content: they import nothing from ``api/`` or ``models/``.

Importable as ``independent`` (pytest's ``pythonpath`` puts ``tests/`` on the path; a package
called ``tests`` in site-packages would shadow ``tests.independent``).
"""
