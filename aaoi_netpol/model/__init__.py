"""The one AAOI model: components, their workload templates and ports, the switches, and the flow catalog.

- :mod:`.components`: what AAOI is made of (names, values keys, ``# Source:`` templates, ports).
- :mod:`.switches`: what is on (networkPolicy, egress, each component, each Ingress).
- :mod:`.ports`, :mod:`.services`, :mod:`.hosts`: numbers, Service types and hosts read from the values.
- :mod:`.ingress_controllers`, :mod:`.ingress_classes`: Ingress controllers, the class serving each Ingress
  and where its traffic comes from.
- :mod:`.flows`: who must reach whom (:data:`~.flows.FLOWS`), resolved for given values.
"""
