"""``render``: the user's AAOI chart rendered by Helm with the aaoi-netpol overlay, then verified.

The NetworkPolicies come only from Helm rendering ``chart-overlay/templates``
inside a temporary copy of the chart; this package copies the chart, runs
``helm template``, parses and verifies the output (fail closed) and writes it
where the user asked. :func:`aaoi_netpol.render.pipeline.render_chart` is the
entry point; :mod:`aaoi_netpol.render.rendered_findings` serves ``lint --chart``.
"""
