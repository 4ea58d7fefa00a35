"""Writing to the user's values files: ``init`` (a new networkPolicy section) and ``lint --fix``.

A reviewed values file must come out byte-identical outside the lines that
change. A full ruamel.yaml round trip does not give that (it normalises
indentation, the spacing inside flow collections, comment columns and
trailing blanks), so ruamel.yaml is used where it is exact: its round-trip
composer locates the nodes to change (with their style, anchors and marks),
and its emitter writes a new section. The edits are spliced into the
original text; the result is read back with the Helm-faithful loader and
must hold exactly the values intended, or nothing is written.

Modules: ``text_edits`` (splicing, diffs, line breaks), ``atomic_write``,
``yaml_nodes`` (ruamel: locate a value's node), ``scalar_text`` (a scalar
written the way Helm reads it), ``fix_plan`` / ``fix_apply`` / ``fix_run``
(``lint --fix``), ``ingress_choice`` / ``section`` / ``section_writer`` /
``init_run`` (``init``).
"""
