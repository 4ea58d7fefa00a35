"""``explain`` and ``diff``: the connections the rendered output allows, as a matrix, and how it changes.

- :mod:`.matrix`: the allowed ports between every party of the gate's modelled cluster and AAOI's pods;
- :mod:`.ports`: port sets in a few characters;
- :mod:`.formats` (table, json, markdown, mermaid) and :mod:`.changes` (opened / closed between revisions).
"""
