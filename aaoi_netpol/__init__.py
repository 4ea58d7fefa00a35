"""aaoi-netpol: lint AAOI values and render explicit NetworkPolicies for the apim4elastic chart."""

__version__ = "0.1.0"
