"""Typed errors of the evaluator: each carries a one-line message naming the offending field."""

from __future__ import annotations


class EvaluatorError(ValueError):
    """Base of every error the evaluator raises on input Kubernetes would reject."""


class AddressError(EvaluatorError):
    """An IP address, CIDR or ipBlock the Kubernetes API server would reject."""


class SelectorError(EvaluatorError):
    """A LabelSelector the Kubernetes API server would reject (bad operator, values, key or label value)."""


class PolicyError(EvaluatorError):
    """A NetworkPolicy document the Kubernetes API server would reject, or one that cannot be placed."""
