"""Embeddable calculators (issue 26): embed.js on a page of another site (a second origin, which is also another
site: http://localhost:<port> against the site's http://127.0.0.1:<port>, so the browser partitions the frames'
storage as for any third-party frame) inserts iframes of embed/articles/3/ and embed/estimator/. Typing in them gives
CPython's `calculator.estimate`; each iframe grows to its content when the result appears and names itself; Tab moves
from the host page into the frame's first field and out again; the frames keep nothing (no saved inputs, no service
worker, no memory snapshot); share links lead to the full page on this site. An ordinary page of the site is refused
in another site's frame (Content-Security-Policy: frame-ancestors 'self', sent by site_build/static_server.py). No
console error in the host page or in the frames, no request to a third origin.

One browser context for the whole module (the runtime is downloaded once); each test checks the module's log itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_log import BrowserLog, origin
from calculator_form import expect_result, expected_for, fill, result_sequence, wait_ready
from embed_host import MESSAGE, serving_host
from playwright.sync_api import Browser, BrowserContext, Frame, FrameLocator, Locator, Page, expect

ARTICLE_3_VALUES = {"a3_investment": "8000000", "a3_orientation": "key"}
ESTIMATOR_VALUES = {
    "registered_in_district": "true",
    "fiscal_contribution": "1500000",
    "a3_investment": "8650000",
    "a3_orientation": "special",
    "a14_green_factory_level": "national",
}
# Saved inputs of the site's own pages (saved-state.js's key and format): an embed must neither show nor touch them.
SAVED_PREFIX = "policy-calculator:v1:"
SAVED_ON_THE_SITE = {"a3_investment": "1234567"}
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def host_url(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_host(site_url, tmp_path_factory.mktemp("host")) as url:
        yield url


class TwoSiteLog(BrowserLog):
    """The browser log of this module: requests may go to this site and to the host's site, nowhere else."""

    host_origin: str = ""

    def off_origin_requests(self) -> list[str]:
        return [url for url in super().off_origin_requests() if origin(url) != self.host_origin]

    def assert_clean(self) -> None:
        problems = self.problems()
        self.clear()
        assert not problems, "the browser reported problems:\n  " + "\n  ".join(problems)


@pytest.fixture(scope="module")
def module_log(site_url: str, host_url: str) -> TwoSiteLog:
    log = TwoSiteLog(site_origin=origin(site_url))
    log.host_origin = origin(host_url)
    return log


@pytest.fixture(scope="module")
def shared_context(browser: Browser, module_log: TwoSiteLog) -> Iterator[BrowserContext]:
    """One context for the module: the runtime crosses the network once (the HTTP cache is kept per top-level site)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    module_log.watch(context)
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture(scope="module")
def axe_context(browser: Browser, module_log: TwoSiteLog, site_url: str) -> Iterator[BrowserContext]:
    """For axe-core, which the pages' Content-Security-Policy (rightly) refuses: bypass_csp, as in test_a11y.py."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, base_url=site_url)
    module_log.watch(context)
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def log(module_log: TwoSiteLog) -> Iterator[TwoSiteLog]:
    module_log.clear()  # what an earlier test left (it failed and did not get to check)
    yield module_log


# ---- helpers -------------------------------------------------------------------------------------------------------

def embed_frame(page: Page, box: str) -> FrameLocator:
    return page.frame_locator(f"#{box} iframe")


def frame_of(page: Page, box: str) -> Frame:
    frame = page.locator(f"#{box} iframe").element_handle().content_frame()
    assert frame is not None, box
    return frame


def iframe_height(page: Page, box: str) -> float:
    return float(page.locator(f"#{box} iframe").evaluate("e => e.getBoundingClientRect().height"))


def wait_fitted(page: Page, box: str, frame: Frame) -> None:
    """The iframe is as tall as the last height its page reported, and the page inside does not scroll."""
    page.wait_for_function(
        """(box) => {
          const iframe = document.querySelector(`#${box} iframe`);
          const last = window.__sizes.filter((size) => size.box === box).at(-1);
          return last && Math.abs(iframe.getBoundingClientRect().height - last.height) < 1;
        }""", arg=box)
    frame.wait_for_function("() => document.documentElement.scrollHeight <= window.innerHeight + 1")


def kept_nothing(frame: Frame) -> dict[str, Any]:
    """What the frame's page has stored: saved inputs, service workers, caches (none may exist). In another site's
    frame the browser may refuse the storage outright (Chromium here: it blocks third-party storage): "refused"."""
    return frame.evaluate("""async () => {
      const attempt = async (read) => { try { return await read(); } catch (error) { return "refused"; } };
      return {
        saved: await attempt(() => Object.keys(localStorage).filter((key) => key.startsWith(%s))),
        serviceWorkers: await attempt(async () => (await navigator.serviceWorker.getRegistrations()).length),
        caches: await attempt(() => caches.keys()),
      };
    }""" % json.dumps(SAVED_PREFIX))


def first_focusable_field(root: Locator) -> Locator:
    return root.locator("input:not([type=hidden]), select, textarea").first


def focused_in(frame: Frame) -> str:
    return str(frame.evaluate("() => { const e = document.activeElement;"
                              " return e ? `${e.tagName}#${e.id}[${e.dataset.field || ''}]` : ''; }"))


# ---- the pages themselves ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["embed/articles/3/index.html", "en/embed/articles/3/index.html",
                                  "embed/estimator/index.html", "en/embed/estimator/index.html"])
def test_an_embed_page_holds_the_calculator_and_one_line_and_nothing_else(site_dir: Path, path: str) -> None:
    html = (site_dir / path).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert '<meta name="robots" content="noindex">' in head
    for absent in ('class="md-header', 'class="md-tabs', 'md-nav', 'data-md-component="search"', 'class="md-footer',
                   "assets/javascripts/bundle.", 'id="__config"', "<h1"):
        assert absent not in html, f"{path}: {absent}"
    content = html[html.index('<article class="md-content__inner'): html.index("</article>")]
    assert content.count("data-embed=") == 1
    # The one line: a link to the full page on this site, opened in a new tab; the only link of the page.
    full = "../../estimator/" if "estimator" in path else "../../../articles/3/"
    assert content.count("<a ") == 1
    assert f'<a href="{full}" target="_blank" rel="noopener">' in content
    assert f'data-embed="{full}"' in content
    # Kept out of search: the full page is the one to find.
    docs = json.loads((site_dir / ("en/" if path.startswith("en/") else "") / "search" / "search_docs.json")
                      .read_text(encoding="utf-8"))["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    assert not [location for location in locations if location.startswith(("embed/articles/", "embed/estimator/"))]
    assert "embed/" in locations  # the page on embedding is searchable


@pytest.mark.parametrize(("path", "width"), [("embed/articles/3/", 390), ("en/embed/articles/3/", 1280),
                                             ("embed/estimator/", 1280), ("en/embed/estimator/", 390),
                                             ("embed/", 1280), ("en/embed/", 390)])
def test_no_wcag_aa_violation_on_the_embed_pages_and_the_page_on_embedding(
        axe_context: BrowserContext, log: TwoSiteLog, path: str, width: int) -> None:
    page = axe_context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    guide = path in ("embed/", "en/embed/")  # its live example is checked as an embed page of its own
    root = page.frame_locator(".embed-example iframe").locator("[data-embed]") if guide else page.locator("[data-embed]")
    wait_ready(root)
    if "articles" in path:  # with a result on show
        fill(root, {"a3_investment": "8000000"})
        expect(root.locator(".pc-result")).to_have_attribute("data-state", "result")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "scrolls sideways"
    page.wait_for_function("() => document.getAnimations().every((animation) => animation.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    assert not result["violations"], "\n".join(f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:5]]}"
                                               for v in result["violations"])
    page.close()
    log.assert_clean()


# ---- on another site -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_embedded_on_another_site_the_calculators_compute_fit_their_content_and_keep_nothing(
        shared_context: BrowserContext, log: TwoSiteLog, host_url: str, site_url: str, lang: str) -> None:
    page = shared_context.new_page()
    page.goto(f"{host_url}host-{lang}.html")
    prefix = "en/" if lang == "en" else ""
    expect(page.locator("#embed-3 iframe")).to_have_attribute("src", f"{site_url}{prefix}embed/articles/3/")
    expect(page.locator("#embed-estimator iframe")).to_have_attribute("src", f"{site_url}{prefix}embed/estimator/")

    # Article 3: ready, then the result of CPython's engine; the frame grows when the result appears.
    article = embed_frame(page, "embed-3").locator(".policy-calculator[data-article='3']")
    wait_ready(article)
    frame = frame_of(page, "embed-3")
    wait_fitted(page, "embed-3", frame)
    before = iframe_height(page, "embed-3")
    fill(article, ARTICLE_3_VALUES)
    expect_result(article, expected_for(ARTICLE_3_VALUES, lang=lang), lang=lang)
    page.wait_for_function(f"() => document.querySelector('#embed-3 iframe').getBoundingClientRect().height > {before}")
    wait_fitted(page, "embed-3", frame)
    # Named by its page's title (which names the article).
    title = str(frame.evaluate("() => document.title"))
    assert ("第三条" if lang == "zh" else "Article 3") in title
    expect(page.locator("#embed-3 iframe")).to_have_attribute("title", title)

    # Keyboard: Tab from the host page lands on the frame's first field; Shift+Tab leaves it again; Tab from the
    # frame's last control goes on to the host page's next link.
    page.locator("#before").focus()
    page.keyboard.press("Tab")
    expect(first_focusable_field(article)).to_be_focused()
    assert first_focusable_field(article).get_attribute("data-field") == "a3_investment"
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#before")).to_be_focused()
    embed_frame(page, "embed-3").locator(".embed-source a").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#between")).to_be_focused()

    # The estimator, in the same host page.
    estimator = embed_frame(page, "embed-estimator").locator(".policy-estimator")
    wait_ready(estimator)
    estimator_frame = frame_of(page, "embed-estimator")
    page.keyboard.press("Tab")  # from #between into the estimator's frame
    expect(first_focusable_field(estimator)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#between")).to_be_focused()
    wait_fitted(page, "embed-estimator", estimator_frame)
    before = iframe_height(page, "embed-estimator")
    fill(estimator, ESTIMATOR_VALUES)
    expect_result(estimator, expected_for(ESTIMATOR_VALUES, lang=lang), lang=lang)
    page.wait_for_function(
        f"() => document.querySelector('#embed-estimator iframe').getBoundingClientRect().height > {before}")
    wait_fitted(page, "embed-estimator", estimator_frame)
    embed_frame(page, "embed-estimator").locator(".embed-source a").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#after")).to_be_focused()

    # In another site's frame: no saved inputs, no service worker, no memory snapshot, no offline cache.
    for which in (frame, estimator_frame):
        kept = kept_nothing(which)
        assert kept["saved"] in ([], "refused") and kept["serviceWorkers"] in (0, "refused") \
            and kept["caches"] in ([], "refused"), kept
        started = which.evaluate("() => performance.getEntriesByName('calculator-ready')[0].detail")
        assert started["started"] == "cold" and started["snapshot"] == "off (embed page)", started

    # A size message counts only from this site's origin and from the iframe it is about: the host page's own
    # message changes nothing, and the estimator's frame resizes its own iframe, not article 3's.
    heights = (iframe_height(page, "embed-3"), iframe_height(page, "embed-estimator"))
    page.evaluate(f"() => window.postMessage({{type: {json.dumps(MESSAGE)}, height: 77}}, '*')")
    page.wait_for_function("() => window.__sizes.some((size) => size.height === 77)")
    estimator_frame.evaluate(f"() => parent.postMessage({{type: {json.dumps(MESSAGE)}, height: 123}}, '*')")
    page.wait_for_function("() => document.querySelector('#embed-estimator iframe').getBoundingClientRect().height === 123")
    assert (iframe_height(page, "embed-3"), iframe_height(page, "embed-estimator")) == (heights[0], 123)
    page.close()
    log.assert_clean()


def test_share_links_and_the_hand_off_open_the_full_page_on_this_site(
        shared_context: BrowserContext, log: TwoSiteLog, host_url: str, site_url: str) -> None:
    page = shared_context.new_page()
    page.goto(f"{host_url}host-en.html")
    article = embed_frame(page, "embed-3").locator(".policy-calculator[data-article='3']")
    wait_ready(article)
    fill(article, ARTICLE_3_VALUES)
    expected = expected_for(ARTICLE_3_VALUES, lang="en")
    expect_result(article, expected, lang="en")
    article.locator(".pc-share-button").click()
    share = article.locator(".pc-share-url")
    expect(share).to_have_value(re.compile("^" + re.escape(f"{site_url}en/articles/3/#calc=") + "[A-Za-z0-9_-]+$"))
    link = article.locator(".pc-share-open")
    expect(link).to_have_attribute("href", share.input_value())
    expect(link).to_have_attribute("target", "_blank")
    # Opened: the full article on this site, in a tab of its own, with the inputs and the same result.
    with shared_context.expect_page() as opened:
        link.click()
    full = opened.value
    root = full.locator(".policy-calculator[data-article='3']")
    wait_ready(root)
    expect_result(root, expected, lang="en")
    assert full.url.startswith(f"{site_url}en/articles/3/"), full.url
    full.close()
    # "Add to my whole-company estimate": the full estimator, in a new tab, with this widget's inputs only.
    with shared_context.expect_page() as opened:
        article.locator(".pc-add-to-estimate").click()
    estimator_page = opened.value
    estimator = estimator_page.locator(".policy-estimator")
    wait_ready(estimator)
    expect_result(estimator, expected_for(ARTICLE_3_VALUES, lang="en"), lang="en")
    assert estimator_page.url.startswith(f"{site_url}en/estimator/"), estimator_page.url
    estimator_page.close()
    page.close()
    log.assert_clean()


def test_an_ordinary_page_is_refused_in_another_sites_frame(shared_context: BrowserContext, log: TwoSiteLog,
                                                             host_url: str, site_url: str) -> None:
    page = shared_context.new_page()
    with page.expect_console_message(lambda message: "frame-ancestors" in message.text) as refusal:
        page.goto(f"{host_url}plain.html")
    assert site_url.rstrip("/") in refusal.value.text and "'self'" in refusal.value.text
    page.wait_for_function("() => window.__loaded.includes('refused')")
    frame = page.locator("#refused").element_handle().content_frame()
    assert frame is not None
    assert not frame.url.startswith(site_url), frame.url  # Chromium shows its error page instead
    assert frame.locator(".md-content").count() == 0
    log.clear()  # the refusal is the console error this test expects
    page.close()


def test_on_this_site_an_embed_does_not_read_or_write_the_sites_saved_inputs(
        shared_context: BrowserContext, log: TwoSiteLog, site_url: str) -> None:
    """The page embed/ (this site) shows a live example: the same storage as the site's pages, so the embed could
    read them; it must not. The snippets name the site by the address it is served from."""
    page = shared_context.new_page()
    page.goto(site_url + "embed/")
    saved = {f"{SAVED_PREFIX}/{path}": json.dumps({"v": 1, "values": SAVED_ON_THE_SITE})
             for path in ("articles/3/", "embed/articles/3/")}
    page.evaluate("(saved) => { localStorage.clear();"
                  " for (const [key, value] of Object.entries(saved)) localStorage.setItem(key, value); }", saved)
    page.reload()
    expect(page.locator(".embed-site").first).to_have_text(site_url)
    assert page.locator(".embed-snippet").count() >= 20
    expect(page.locator(".embed-snippet__code").first).to_contain_text(
        f'<script src="{site_url}assets/frontend/embed.js" async></script>')
    expect(page.locator(".embed-example iframe")).to_have_attribute("src", f"{site_url}embed/articles/3/")
    article = page.frame_locator(".embed-example iframe").locator(".policy-calculator[data-article='3']")
    wait_ready(article)
    expect(article.locator('[data-field="a3_investment"]')).to_have_value("")
    sequence = result_sequence(article)
    fill(article, ARTICLE_3_VALUES)
    expect(article.locator(".pc-result")).not_to_have_attribute("data-sequence", str(sequence))
    expect_result(article, expected_for(ARTICLE_3_VALUES, lang="zh"), lang="zh")
    stored = page.evaluate(f"() => Object.fromEntries(Object.entries(localStorage).filter(([key]) => key.startsWith({json.dumps(SAVED_PREFIX)})))")
    assert stored == saved
    page.close()
    log.assert_clean()

