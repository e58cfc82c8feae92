"""Every practice command the packs recommend becomes a link to a page that runs it, never a command to copy."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sdcoach.config import Settings
from sdcoach.services.drills import drills_pack
from sdcoach.services.grading import method
from sdcoach.web.app import create_app
from sdcoach.web.links import Link, practice_link


def _recommended() -> list[str]:
    commands = [step.command for step in method().grading.next_steps] + list(drills_pack().practice.values())
    return sorted({c.replace("{slug}", "feature-store") for c in commands})


@pytest.mark.parametrize(
    ("command", "link"),
    [
        (
            "sdcoach drill questions rag-platform",
            Link("/drills?scenario=rag-platform#questions-drill", "Clarifying-questions drill"),
        ),
        ("sdcoach drill numbers", Link("/drills#numbers-drill", "Numbers drill")),
        ("sdcoach drill tradeoff", Link("/drills#tradeoff-drill", "Tradeoff drill")),
        (
            "sdcoach walkthrough feature-store --section failure-modes",
            Link("/scenarios/feature-store#failure-modes", "Read the walkthrough"),
        ),
        (
            "sdcoach pitch feature-store --audience director",
            Link("/drills?scenario=feature-store#pitch-drill", "60-second pitch drill"),
        ),
        ("sdcoach interview feature-store", Link("/interviews?scenario=feature-store", "Mock interview")),
        (
            "sdcoach drill framework feature-store",
            Link("/scenarios/feature-store#high-level-design", "Walk through the answer"),
        ),
    ],
)
def test_a_practice_command_becomes_the_page_that_runs_it(command: str, link: Link) -> None:
    assert practice_link(command) == link


@pytest.mark.parametrize("command", _recommended())
def test_every_recommended_command_links_to_a_page_that_exists(command: str) -> None:
    link = practice_link(command)
    assert link.href != "/drills" or command == "sdcoach drills", "a command the links do not know"
    client = TestClient(create_app(Settings()), base_url="http://127.0.0.1:8000")  # a loopback Host, as a browser sends
    path, _, anchor = link.href.partition("#")
    page = client.get(path)
    assert page.status_code == 200, link
    assert not anchor or f'id="{anchor}"' in page.text, link
