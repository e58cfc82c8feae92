"""Everything requests share, loaded once when a web worker starts instead of by its first requests.

Without it, the first interview a worker started loaded two embedding models and the unit registry (about a
second of CPU), the first sign-up zxcvbn's dictionaries, and every request that came in meanwhile waited
behind them: under load that was most of the slow pages. The loaders are the same cached ones the requests
call, so nothing here changes what a request computes; it only moves the first call to start-up.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from sdcoach.config import Settings
from sdcoach.errors import SdcoachError

log = logging.getLogger(__name__)
# what the interview, sign-in and home pages import inside their routes (so `sdcoach --help` stays fast)
_USED_BY_PAGES = (
    "sdcoach.services.interviews",
    "sdcoach.services.interview_turns",
    "sdcoach.services.today",
    "sdcoach.services.accounts",
    "sdcoach.present.interview_view",
)


def warm_up(settings: Settings) -> None:
    """Open the database and load the packs, the similarity models and the password policy's dictionaries.

    A problem is only logged: the request that needs the broken part reports it in the page's style."""
    from sdcoach.engine.estimate.units import registry
    from sdcoach.services.drills import drills_pack
    from sdcoach.services.grading import interviewer_pack, method
    from sdcoach.services.library import open_library
    from sdcoach.services.passwords import load_policy
    from sdcoach.services.tradeoffs import tradeoff_library
    from sdcoach.store.database import open_database

    steps: tuple[Callable[[], object], ...] = (
        *(lambda name=name: importlib.import_module(name) for name in _USED_BY_PAGES),
        lambda: open_database(settings.database),
        lambda: open_library(settings),
        method,
        interviewer_pack,
        drills_pack,
        tradeoff_library,
        registry,
        lambda: _read_once(settings),
        load_policy,
    )
    for step in steps:
        try:
            step()
        except SdcoachError as err:
            log.warning("Could not load at start-up (the first request that needs it will say why): %s", err)


def _read_once(settings: Settings) -> None:
    """Load both similarity models and read one reference question of the library through them: the first
    reading runs each model once and builds the reader's matchers, which the first answer paid for before."""
    from sdcoach.engine.reader import read
    from sdcoach.services.grading import method
    from sdcoach.services.library import open_library
    from sdcoach.services.similarity import default_similarity, meaning_similarity

    similarity, meaning = default_similarity(settings), meaning_similarity(settings)
    scenario = next((e.scenario for e in open_library(settings).entries if e.scenario.clarifying_questions), None)
    if scenario is not None:
        read(scenario.clarifying_questions[0].question, method().lens(scenario), similarity, meaning)
