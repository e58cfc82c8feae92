"""The web app as a person uses it, in Debian's chromium over the seeded tour (the ``site`` fixture): the home
page's plan for today, titles and links where slugs, ids and commands were, a walkthrough that reads like a
document, a diagram that zooms and goes full screen, and an interview whose clock, checklist and answer box
stay at hand.
"""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import needs_chromium
from tests.browser.tour import DESKTOP, PHONE, settle

pytestmark = needs_chromium
CHARACTERS_PER_LINE = """() => {
  const article = document.querySelector("article.walkthrough");
  const zeros = document.createElement("span");
  zeros.textContent = "0".repeat(100);
  zeros.style.whiteSpace = "nowrap";
  article.append(zeros);
  const ch = zeros.getBoundingClientRect().width / 100;
  zeros.remove();
  return article.getBoundingClientRect().width / ch;
}"""
LABEL_PX = "() => document.querySelector('figure.diagram g.node .nodeLabel').getBoundingClientRect().height"


def _open(tab_for: Any, site: tuple[str, dict[str, str]], name: str, viewport: dict[str, int] = DESKTOP) -> Any:
    url, pages = site
    tab = tab_for(viewport)
    tab.goto(url + pages[name])
    settle(tab, name)
    return tab


def test_the_home_page_shows_todays_cards_the_last_interview_and_the_weakest_items(
    site: tuple[str, dict[str, str]], tab_for: Any
) -> None:
    tab = _open(tab_for, site, "home")
    cards = tab.get_by_role("region", name="Review cards")
    assert cards.locator("a[href^='/review/']").count() >= 2  # the first cards and "Start reviewing"
    last = tab.get_by_role("region", name="Last interview")
    assert last.get_by_role("link", name="Resume the interview").get_attribute("href") == site[1]["interview"]
    assert "Design a feature store" in last.inner_text()
    weakest = tab.get_by_role("region", name="Weakest items").locator("li")
    assert weakest.count() >= 3 and all(item.locator("a").count() == 1 for item in weakest.all())
    assert re.search(r"\(\d+%\)", weakest.first.inner_text())  # practised in the tour, so it has a level
    tab.get_by_role("region", name="Weakest items").locator("li a").first.click()
    assert tab.locator("main h1").count() == 1 and "Not found" not in tab.locator("main h1").inner_text()


def test_pages_show_titles_and_links_never_slugs_ids_or_commands(
    site: tuple[str, dict[str, str]], tab_for: Any
) -> None:
    url, pages = site
    ids = {path.split("/")[2] for name, path in pages.items() if name in ("interview", "scorecard")}
    tab = tab_for(DESKTOP)
    for name in ("home", "interviews", "interview", "scorecard", "progress", "drills", "estimate"):
        tab.goto(url + pages[name])
        text = tab.locator("main").inner_text()
        assert "sdcoach " not in text, name  # no command to copy into a terminal
        assert not any(i in text for i in ids), name  # no hex ids
        assert not re.search(r"\bfeature-store\b", text), name  # the title, not the slug
    tab.goto(url + pages["scorecard"])
    steps = tab.locator("ul.next-steps li a")
    assert steps.count() >= 1
    for href in steps.evaluate_all("links => links.map((a) => a.getAttribute('href'))"):
        assert tab.request.get(url + href).status == 200, href


def test_the_nav_marks_the_current_page_and_end_looks_destructive(
    site: tuple[str, dict[str, str]], tab_for: Any
) -> None:
    tab = _open(tab_for, site, "drills")
    assert tab.locator("header nav a[aria-current=page]").inner_text() == "Drills"
    underlines = tab.locator("header nav a").evaluate_all("as => as.map((a) => getComputedStyle(a).textDecorationLine)")
    assert set(underlines) == {"none"}
    tab = _open(tab_for, site, "interview")
    style = "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor, getComputedStyle(b).borderColor]"
    send = tab.get_by_role("button", name="Send", exact=True).evaluate(style)
    end = tab.get_by_role("button", name="End", exact=True).evaluate(style)
    red, green, blue = (int(c) for c in re.findall(r"\d+", end[0])[:3])
    assert end != send and red > 2 * green and red > 2 * blue  # set apart, in the danger colour


def test_a_walkthrough_reads_at_75_characters_with_sticky_contents_and_folded_answers(
    site: tuple[str, dict[str, str]], tab_for: Any
) -> None:
    tab = _open(tab_for, site, "walkthrough")
    contents = tab.locator("nav.toc ol a")
    assert contents.count() >= 8
    for href in contents.evaluate_all("links => links.map((a) => a.getAttribute('href'))"):
        assert tab.locator(f"[id='{href[1:]}']").count() == 1, href
    per_line = tab.evaluate(CHARACTERS_PER_LINE)
    assert 55 <= per_line <= 80
    tab.locator("[id='failure-modes']").scroll_into_view_if_needed()
    assert 0 <= tab.locator("nav.toc").bounding_box()["y"] < 60  # still beside the text, far down the page
    answers = tab.locator("details.answer")
    assert answers.count() >= 10 and answers.evaluate_all("ds => ds.filter((d) => d.open).length") == 0
    first = answers.first
    first.scroll_into_view_if_needed()
    assert not first.locator("div").is_visible()
    first.locator("summary").click()
    assert first.locator("div").is_visible() and len(first.locator("div").inner_text()) > 40


def test_the_diagram_opens_readable_and_zooms_pans_and_goes_full_screen(
    site: tuple[str, dict[str, str]], tab_for: Any
) -> None:
    for viewport in (DESKTOP, PHONE):
        tab = _open(tab_for, site, "walkthrough", viewport)
        tab.locator("figure.diagram").scroll_into_view_if_needed()
        assert tab.evaluate(LABEL_PX) >= 18  # a line of 12 px text or more, not the 5 px of the fitted drawing
    tab.get_by_role("button", name="Zoom in").click()
    tab.wait_for_timeout(300)
    assert tab.evaluate(LABEL_PX) > 22
    node = tab.locator("figure.diagram g.node").first
    before = node.bounding_box()["x"]
    frame = tab.locator("figure.diagram svg").bounding_box()
    tab.mouse.move(frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(frame["x"] + frame["width"] / 2 - 120, frame["y"] + frame["height"] / 2, steps=6)
    tab.mouse.up()
    tab.wait_for_timeout(300)
    assert node.bounding_box()["x"] < before - 80  # dragged to the left
    tab.get_by_role("button", name="Open the diagram full screen").click()
    full = tab.locator("figure.diagram").bounding_box()
    assert (full["width"], full["height"]) == (PHONE["width"], PHONE["height"])
    tab.keyboard.press("Escape")
    assert tab.locator("figure.diagram").bounding_box()["height"] < PHONE["height"] / 2


def test_the_interview_keeps_clock_and_checklist_in_view_focuses_the_answer_and_announces_replies(
    site: tuple[str, dict[str, str]], tab_for: Any
) -> None:
    tab = _open(tab_for, site, "interview")
    assert tab.evaluate("document.activeElement.id") == "text"
    box = tab.locator("#text").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP["height"]  # the resumed page opens at the answer
    chat, aside = tab.locator("section.chat").bounding_box(), tab.locator("main aside").bounding_box()
    assert aside["x"] >= chat["x"] + chat["width"]  # beside the chat
    for scroll in (0, 100_000):
        tab.evaluate(f"window.scrollTo(0, {scroll})")
        for part in ("#status", "#checklist"):
            where = tab.locator(part).bounding_box()
            assert 0 <= where["y"] < DESKTOP["height"], (part, scroll)
    assert tab.locator("#turns").get_attribute("aria-live") == "polite"
    turns = tab.locator("#turns .turn.interviewer").count()
    tab.fill("#text", "Who owns the online store's on-call, and what do the other 38 teams get?")
    tab.get_by_role("button", name="Send", exact=True).click()
    tab.locator("#turns .turn.interviewer").nth(turns).wait_for()  # no wait_for_function: the CSP forbids eval
    assert tab.evaluate("document.activeElement.id") == "text" and tab.input_value("#text") == ""
    phone = _open(tab_for, site, "interview", PHONE)
    phone.evaluate("window.scrollTo(0, 100_000)")
    assert 0 <= phone.locator("#status").bounding_box()["y"] < 40  # stacked above the chat, stuck to the top


def test_the_diagram_keeps_its_look_under_a_strict_content_security_policy(
    site: tuple[str, dict[str, str]], tab_for: Any
) -> None:
    url, pages = site
    tab = tab_for(DESKTOP)
    strict = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

    def with_policy(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": strict})

    tab.route("**/*", with_policy)  # Mermaid's own <style> and style="" are refused: app.css must carry the look
    tab.goto(url + pages["walkthrough"])
    settle(tab, "walkthrough")
    box = "n => getComputedStyle(n.querySelector('rect')).fill"
    surface = tab.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--surface-2').trim()")
    assert tab.locator("figure.diagram g.node").first.evaluate(box) == "rgb(233, 237, 243)" == _rgb(surface)
    assert tab.evaluate(LABEL_PX) >= 18


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"
