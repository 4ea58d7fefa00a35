"""The render gate: what the whole rendered output allows, computed, against the AAOI flow catalog.

- :mod:`.parties`: who is in the modelled world (AAOI's pods as rendered, the peers the values name,
  the Ingress controllers, the probes);
- :mod:`.world`: those parties in one evaluator over every NetworkPolicy of the output;
- :mod:`.required` (NP902) and :mod:`.beyond` (NP903): the checks; :mod:`.run`: all of it, with
  provenance (NP901) and the workload checks (NP900).
"""
