"""Links where the command line prints commands: each practice command the engine recommends (``sdcoach drill
questions feature-store``) becomes the page that runs the same drill, with a label a person reads."""

from __future__ import annotations

import shlex
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """Where a recommendation leads in the web app, and what the link says."""

    href: str
    label: str


def _option(words: list[str], name: str) -> str:
    return words[words.index(name) + 1] if name in words[:-1] else ""


def practice_link(command: str) -> Link:
    """The page that runs ``command`` (a ``sdcoach ...`` line from the drills or grading pack)."""
    words = shlex.split(command)[1:]
    verb, args = (words[0], words[1:]) if words else ("", [])
    slug = next((w for w in args if not w.startswith("-") and w not in {"questions", "framework"}), "")
    in_scenario = f"?scenario={slug}" if slug else ""
    if verb == "drill" and args[:1] == ["questions"]:
        return Link(f"/drills{in_scenario}#questions-drill", "Clarifying-questions drill")
    if verb == "drill" and args[:1] in (["numbers"], ["tradeoff"]):
        return Link(f"/drills#{args[0]}-drill", f"{args[0].capitalize()} drill")
    if verb == "drill" and args[:1] == ["framework"]:
        return Link(f"/scenarios/{slug}#high-level-design", "Walk through the answer")
    if verb == "walkthrough":
        section = _option(args, "--section")
        return Link(f"/scenarios/{slug}" + (f"#{section}" if section else ""), "Read the walkthrough")
    if verb == "pitch":
        return Link(f"/drills{in_scenario}#pitch-drill", "60-second pitch drill")
    if verb == "interview":
        return Link(f"/interviews{in_scenario}", "Mock interview")
    return Link("/drills", "Drills")
