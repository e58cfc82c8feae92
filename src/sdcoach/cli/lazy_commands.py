"""The root group's commands, each imported and built the first time it is looked up.

Typer builds every command of every group (forty, each through ``inspect.signature`` and
``get_type_hints``) to run any one of them. Here the root group holds names until one is named:
``sdcoach estimate ...`` imports and builds the estimate group alone, ``--help`` builds them all to list
them. Each is built exactly as ``app.command()`` or ``app.add_typer`` on the root would have built it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import typer
import typer.core
import typer.main

# A command or group as the root lists it: (name, module, attribute): a function or a typer.Typer.
Entry = tuple[str, str, str]


class LazyCommands(MutableMapping[str, Any]):
    """Commands by name, in their listing order; a pending one is built the first time it is looked up."""

    def __init__(self, built: MutableMapping[str, Any], pending: dict[str, Callable[[], Any]]) -> None:
        self._built = dict(built)
        self._pending = {name: build for name, build in pending.items() if name not in self._built}
        self._order = [*self._built, *self._pending]

    def __getitem__(self, name: str) -> Any:
        if name in self._pending:
            self._built[name] = self._pending.pop(name)()
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._pending.pop(name, None)
        if name not in self._built:
            self._order.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if self._pending.pop(name, None) is None:
            del self._built[name]
        self._order.remove(name)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)


def lazy_root(entries: tuple[Entry, ...], settings: dict[str, Any]) -> type[typer.core.TyperGroup]:
    """A root group class whose commands are ``entries``, built with the root's ``settings`` when first named."""

    class LazyRoot(typer.core.TyperGroup):
        def __init__(self, **attrs: Any) -> None:
            super().__init__(**attrs)
            pending = {name: _builder(name, module, attribute, settings) for name, module, attribute in entries}
            self.commands = LazyCommands(self.commands, pending)

        def list_commands(self, ctx: Any) -> list[str]:
            """The command names in --help order, without building any."""
            return list(self.commands)

    return LazyRoot


def _builder(name: str, module: str, attribute: str, settings: dict[str, Any]) -> Callable[[], Any]:
    def build() -> Any:
        target = getattr(importlib.import_module(module), attribute)
        holder = typer.Typer()  # records the command as registering it on the root would
        if isinstance(target, typer.Typer):
            holder.add_typer(target, name=name)
            return typer.main.get_group_from_info(holder.registered_groups[0], **settings)
        holder.command(name)(target)
        return typer.main.get_command_from_info(
            holder.registered_commands[0],
            pretty_exceptions_short=settings["pretty_exceptions_short"],
            rich_markup_mode=settings["rich_markup_mode"],
        )

    return build
