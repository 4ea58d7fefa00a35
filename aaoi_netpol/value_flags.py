"""The Helm value flags of one command (``-f``, ``--set``, ``--set-string``, ``--set-json``), in one type.

lint, render and ``lint --chart`` take a :class:`ValueFlags`; it hands the
linter the parsed ``--set*`` layers and Helm its own arguments, so the flags
are parsed once and passed to Helm exactly as typed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aaoi_netpol.helm_set import parse_set
from aaoi_netpol.layering import SetLayer

# Helm applies --set-json, then --set, then --set-string.
SET_FLAGS = ("--set-json", "--set", "--set-string")


@dataclass(frozen=True)
class ValueFlags:
    files: tuple[Path, ...] = ()  # -f/--values, layered like helm install -f a -f b
    set_values: tuple[str, ...] = ()
    set_strings: tuple[str, ...] = ()
    set_json: tuple[str, ...] = ()

    def _set_arguments(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return (("--set-json", self.set_json), ("--set", self.set_values), ("--set-string", self.set_strings))

    @functools.cached_property
    def set_layers(self) -> tuple[SetLayer, ...]:
        """The ``--set*`` arguments parsed as Helm parses them (InputError on a malformed one)."""
        layers: list[SetLayer] = []
        for flag, arguments in self._set_arguments():
            for number, argument in enumerate(arguments, start=1):
                layers.append(SetLayer(flag, number, tuple(parse_set(argument, flag))))
        return tuple(layers)

    def helm_arguments(self) -> list[str]:
        """The flags for ``helm template``, as typed."""
        arguments: list[str] = []
        for path in self.files:
            arguments += ["--values", str(path)]
        for flag, values in self._set_arguments():
            for value in values:
                arguments += [flag, value]
        return arguments

    def with_file(self, path: Path) -> ValueFlags:
        """These flags with one more ``-f`` file on top."""
        return ValueFlags((*self.files, path), self.set_values, self.set_strings, self.set_json)

    def stacks(self, files: Sequence[Path]) -> list[ValueFlags]:
        """One stack per FILE (each on top of the -f files), or the -f stack itself when there is no FILE."""
        return [self.with_file(path) for path in files] or [self]

    @property
    def target(self) -> str:
        """The file a stack is about: its last file."""
        return str(self.files[-1]) if self.files else "<defaults>"
