"""Embeddable calculators in WebKitGTK (issue 26): the host page of another site (tests/embed_host.py,
http://localhost:<port>, another site than the site's http://127.0.0.1:<port>) embeds article 3 and the estimator
with embed.js. In each frame the calculator gets ready without a service worker or a memory snapshot and shows
CPython's result; the iframe grows to its content when the result appears; Tab goes from the host page into the
frame's first field and Shift+Tab back out, and Tab from the frame's last link on to the host page; no script error
in the host page or the frames, no request to a third origin. A plain iframe of an ordinary page is refused
(frame-ancestors 'self'). Both languages: the Chinese host page, then the English one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from embed_host import serving_host
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from webkit_page import (
    ERROR_COLLECTOR, ESTIMATOR_PART_OF_KEY, NAVIGATION_TIMEOUT_S, RESULT_TIMEOUT_S, assert_page_clean, expect_result, expected_for, fill,
    open_page, wait_for, wait_ready, widget,
)

ARTICLE_3_VALUES = {"a3_investment": "8000000", "a3_orientation": "key"}
ESTIMATOR_VALUES = {"registered_in_district": "true", "fiscal_contribution": "1500000", "a3_investment": "8650000",
                    "a3_orientation": "special", "a14_green_factory_level": "national"}
# The host page's own problems: its script errors, and requests to any origin but its own and the site's.
HOST_PROBLEMS = """
const allowed = arguments[0];
const problems = [...(window.__webkitSmokeErrors || ["the error collector is not installed"])];
for (const entry of performance.getEntriesByType("resource")) {
  const url = new URL(entry.name, location.href);
  if (url.protocol.startsWith("http") && url.origin !== location.origin && url.origin !== allowed)
    problems.push(`request to another origin: ${entry.name}`);
}
return problems;
"""
ACTIVE = ("const e = document.activeElement;"
          " return e ? `${e.tagName.toLowerCase()}#${e.id}[${e.dataset ? e.dataset.field || '' : ''}]` : '';")
IS_FIRST_FIELD = ("return document.activeElement !== null"
                  " && document.activeElement === arguments[0].querySelector('input:not([type=hidden]), select, textarea');")


@pytest.fixture(scope="module")
def host_url(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_host(site_url, tmp_path_factory.mktemp("webkit-host")) as url:
        yield url


def iframe(driver: webdriver.Remote, box: str) -> WebElement:
    return wait_for(driver, lambda d: (d.find_elements(By.CSS_SELECTOR, f"#{box} iframe") or [None])[0],
                    NAVIGATION_TIMEOUT_S, f"embed.js's iframe in #{box}")


def height(driver: webdriver.Remote, box: str) -> float:
    return float(driver.execute_script(f"return document.querySelector('#{box} iframe').getBoundingClientRect().height"))


def fitted(driver: webdriver.Remote, box: str) -> bool:
    """The iframe is as tall as the last height its page reported (host context)."""
    return bool(driver.execute_script(f"""
      const last = window.__sizes.filter((size) => size.box === "{box}").at(-1);
      return Boolean(last) && Math.abs(document.querySelector('#{box} iframe').getBoundingClientRect().height
                                       - last.height) < 1;"""))


def press(driver: webdriver.Remote, key: str, *, shift: bool = False) -> None:
    actions = ActionChains(driver)
    if shift:
        actions.key_down(Keys.SHIFT)
    actions.send_keys(key)
    if shift:
        actions.key_up(Keys.SHIFT)
    actions.perform()


def in_frame(driver: webdriver.Remote, box: str) -> None:
    driver.switch_to.default_content()
    driver.switch_to.frame(iframe(driver, box))


def host_clean(driver: webdriver.Remote, site_url: str) -> None:
    driver.switch_to.default_content()
    problems = driver.execute_script(HOST_PROBLEMS, site_url.rstrip("/"))
    assert not problems, f"host page {driver.current_url}: " + "\n  ".join(problems)


def use_calculator(driver: webdriver.Remote, box: str, values: dict[str, str], lang: str, *,
                   before_button: str, after_button: str) -> None:
    """In the frame of #box: ready, Tab in and out, the engine's result, the iframe grown to fit it, clean."""
    in_frame(driver, box)
    driver.execute_script(ERROR_COLLECTOR)
    root = widget(driver, 3 if box == "embed-3" else None)
    wait_ready(driver, root)
    started = driver.execute_script("return performance.getEntriesByName('calculator-ready')[0].detail")
    assert started["started"] == "cold" and started["snapshot"] == "off (embed page)", started
    assert driver.execute_script("return Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)") is False
    # Keyboard: from the host page's button into the frame's first field, and back.
    driver.switch_to.default_content()
    driver.execute_script(f"document.getElementById('{before_button}').focus()")
    press(driver, Keys.TAB)
    # (The host page's activeElement is not always the iframe in WebKitGTK when focus is in a frame: the frame says.)
    in_frame(driver, box)
    root = widget(driver, 3 if box == "embed-3" else None)
    assert driver.execute_script(IS_FIRST_FIELD, root), driver.execute_script(ACTIVE)
    driver.switch_to.default_content()
    press(driver, Keys.TAB, shift=True)
    assert driver.execute_script(ACTIVE) == f"button#{before_button}[]"
    # The result, and the iframe growing to it.
    wait_for(driver, lambda d: fitted(d, box), RESULT_TIMEOUT_S, f"#{box}'s iframe to fit its content")
    before = height(driver, box)
    in_frame(driver, box)
    root = widget(driver, 3 if box == "embed-3" else None)
    # The estimator's parts are opened by a click from script: WebKitGTK's driver clicks at the element's place in
    # the window, which in a frame of the host page's height it misses.
    for part in {ESTIMATOR_PART_OF_KEY[key] for key in values if key in ESTIMATOR_PART_OF_KEY and box != "embed-3"}:
        driver.execute_script(f"const d = arguments[0].querySelector('details.pc-part[data-part=\"{part}\"]');"
                              " if (!d.open) d.querySelector(':scope > summary').click();", root)
    fill(driver, root, values)
    expect_result(driver, root, expected_for(values, lang=lang))
    assert_page_clean(driver)
    driver.switch_to.default_content()
    wait_for(driver, lambda d: height(d, box) > before and fitted(d, box), RESULT_TIMEOUT_S,
             f"#{box}'s iframe to grow past {before} px and fit", lambda d: (height(d, box), d.execute_script(
                 f"return window.__sizes.filter((size) => size.box === '{box}').slice(-3)")))
    # Out of the frame from its last link, on to the host page's next button.
    in_frame(driver, box)
    driver.execute_script("document.querySelector('.embed-source a').focus()")
    driver.switch_to.default_content()
    press(driver, Keys.TAB)
    assert driver.execute_script(ACTIVE) == f"button#{after_button}[]", driver.execute_script(ACTIVE)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_embedded_calculators_on_another_site(webkit: webdriver.Remote, site_url: str, host_url: str,
                                              lang: str) -> None:
    prefix = "en/" if lang == "en" else ""
    open_page(webkit, f"{host_url}host-{lang}.html")
    assert iframe(webkit, "embed-3").get_attribute("src") == f"{site_url}{prefix}embed/articles/3/"
    assert iframe(webkit, "embed-estimator").get_attribute("src") == f"{site_url}{prefix}embed/estimator/"
    use_calculator(webkit, "embed-3", ARTICLE_3_VALUES, lang, before_button="before", after_button="between")
    use_calculator(webkit, "embed-estimator", ESTIMATOR_VALUES, lang, before_button="between", after_button="after")
    title = webkit.execute_script("return document.querySelector('#embed-3 iframe').title")
    assert ("第三条" if lang == "zh" else "Article 3") in title, title
    host_clean(webkit, site_url)


def test_an_ordinary_page_is_refused_in_another_sites_frame(webkit: webdriver.Remote, site_url: str,
                                                             host_url: str) -> None:
    open_page(webkit, f"{host_url}plain.html")
    wait_for(webkit, lambda d: d.execute_script("return window.__loaded.includes('refused')"), NAVIGATION_TIMEOUT_S,
             "the plain iframe's load event")
    webkit.switch_to.frame(webkit.find_element(By.ID, "refused"))
    shown = webkit.execute_script("return document.querySelectorAll('.md-content, .policy-calculator').length")
    assert shown == 0, "the article was shown in another site's frame"
    webkit.switch_to.default_content()
    # The refusal itself is reported in the console, which the page's scripts do not see: nothing else went wrong.
    host_clean(webkit, site_url)

