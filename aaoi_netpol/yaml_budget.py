"""What reading one YAML document may cost: go-yaml's alias rule (Helm's verdict) and aaoi-netpol's own limits.

go-yaml, Helm's YAML reader, counts each node it decodes (the document, every
key, every value, every alias and every node reached through one) and, apart,
the nodes decoded while expanding an alias. Once more than 100 nodes came
from aliases and more than 1000 were decoded in all, the share that came from
aliases may not exceed a ceiling: 99% up to 400,000 decoded nodes, then
falling in a straight line to 10% at 4,000,000 and beyond. Past it Helm refuses
the whole file ("document contains excessive aliasing"); we count the same
nodes in the same order, so we refuse the same files (NP000).

aaoi-netpol's own limits keep every file cheap to lint, whatever Helm would
accept: at most :data:`MAX_NODES` decoded nodes (aliases expanded) and
:data:`MAX_DEPTH` levels of nesting (merge keys that pull in mappings which
merge others count as levels too). Past them the file is refused, exit 2.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, DocumentEndEvent, ScalarEvent, StreamEndEvent

from aaoi_netpol.diagnostics import InputError

MAX_NODES = 50_000
MAX_DEPTH = 100
PRECOUNT_FROM_CHARS = 64 * 1024
ALIAS_FLOOR, DECODE_FLOOR = 100, 1000
RATIO_FROM, RATIO_TO = 400_000, 4_000_000
RATIO_HIGH, RATIO_LOW = 0.99, 0.10
_NODE_EVENTS = (ScalarEvent, AliasEvent, CollectionStartEvent)
_BaseLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class LimitExceeded(InputError):
    """A file passed one of aaoi-netpol's own limits (exit 2); the message is one located line."""


class BudgetExceeded(Exception):
    """Decoding stopped at ``mark`` (a yaml Mark); ``helm_refuses`` tells whether Helm refuses the file as well."""

    def __init__(self, mark: Any, reason: str, helm_refuses: bool) -> None:
        super().__init__(reason)
        self.mark = mark
        self.reason = reason
        self.helm_refuses = helm_refuses


def allowed_alias_share(decoded: int) -> float:
    """The largest share of decoded nodes that may come from aliases, after ``decoded`` nodes."""
    if decoded <= RATIO_FROM:
        return RATIO_HIGH
    if decoded >= RATIO_TO:
        return RATIO_LOW
    return RATIO_HIGH - (RATIO_HIGH - RATIO_LOW) * ((decoded - RATIO_FROM) / (RATIO_TO - RATIO_FROM))


def too_many_nodes(limit: int) -> str:
    return (f"more than {limit} keys and values (aliases expanded): aaoi-netpol's limit for one values file")


def too_deep(limit: int) -> str:
    return f"nested more than {limit} levels deep (merge keys included): aaoi-netpol's limit"


class DecodeBudget:
    """The counters of one document's decoding; :meth:`count` raises BudgetExceeded when a limit is passed."""

    __slots__ = ("alias_depth", "aliased", "decoded", "max_nodes")

    def __init__(self, max_nodes: int = MAX_NODES) -> None:
        self.decoded = 0
        self.aliased = 0
        self.alias_depth = 0  # > 0 while an alias is being expanded
        self.max_nodes = max_nodes

    def count(self, mark: Any) -> None:
        self.decoded += 1
        if self.alias_depth:
            self.aliased += 1
        if (self.aliased > ALIAS_FLOOR and self.decoded > DECODE_FLOOR
                and self.aliased / self.decoded > allowed_alias_share(self.decoded)):
            raise BudgetExceeded(mark, f"excessive aliasing: {self.aliased} of the {self.decoded} values "
                                 "decoded so far come from aliases; Helm refuses such a file", True)
        if self.decoded > self.max_nodes:
            raise BudgetExceeded(mark, too_many_nodes(self.max_nodes), False)


def check_node_count(text: str, limit: int = MAX_NODES, min_chars: int = PRECOUNT_FROM_CHARS) -> None:
    """BudgetExceeded when the first document of ``text`` holds more than ``limit`` nodes as written.

    Only the event stream is read, and no further than ``limit`` nodes, so the check costs little even for a
    huge file; a syntax error stops it silently (the real parse reports it). Texts under ``min_chars``
    characters are not counted: a node takes about a character at the least, so composing one costs at most
    a few limits' worth of nodes, which the builder then stops at the limit.
    """
    if len(text) < min_chars:
        return
    loader = _BaseLoader(text)
    count = 0
    try:
        while True:
            event = loader.get_event()
            if isinstance(event, _NODE_EVENTS):
                count += 1
                if count > limit:
                    raise BudgetExceeded(event.start_mark, too_many_nodes(limit), False)
            elif isinstance(event, (DocumentEndEvent, StreamEndEvent)):
                return
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()
