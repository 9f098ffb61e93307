"""The home page states the policy's title in both languages, and the language switch moves between them."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

TITLE_ZH = "关于加快推进新型工业化高质量发展都市工业的若干意见"
TITLE_EN = "Several Opinions on Accelerating New Industrialisation and the High-Quality Development of Urban Industry"


def test_chinese_home_page_shows_title_issuers_and_dates(page: Page) -> None:
    page.goto("")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_ZH)
    content = page.locator("article")
    expect(content).to_contain_text("宁波市江北区经济和信息化局")
    expect(content).to_contain_text("宁波市江北区财政局")
    expect(content).to_contain_text("2024年5月1日")
    expect(content).to_contain_text("2024年1月1日")
    expect(content).to_contain_text("北区委办〔2024〕7号")


def test_english_home_page_shows_title_issuers_and_dates(page: Page) -> None:
    page.goto("en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    content = page.locator("article")
    expect(content).to_contain_text(TITLE_ZH)  # the authoritative Chinese title is shown on the English page too
    expect(content).to_contain_text("Economy and Information Technology Bureau of Jiangbei District, Ningbo")
    expect(content).to_contain_text("Finance Bureau of Jiangbei District, Ningbo")
    expect(content).to_contain_text("1 May 2024")
    expect(content).to_contain_text("1 January 2024")
    expect(content).to_contain_text("Bei Qu Wei Ban [2024] No. 7")


def test_language_switch_goes_to_the_same_page_in_the_other_language(page: Page, site_url: str) -> None:
    page.goto("")
    page.get_by_role("button", name="选择当前语言").click()
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(site_url + "en/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    page.get_by_role("button", name=re.compile("language", re.IGNORECASE)).click()
    page.get_by_role("link", name="中文", exact=True).click()
    expect(page).to_have_url(site_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_ZH)


def test_search_finds_the_home_page_in_both_languages(page: Page) -> None:
    # Chinese: jieba segments the index at build time; a word from the issuers' list must be found.
    page.goto("")
    page.get_by_role("textbox", name="搜索").fill("财政局")
    page.keyboard.press("End")  # Material searches on key events; fill() alone does not trigger it
    expect(page.locator(".md-search-result__article h1").first).to_have_text(TITLE_ZH)
    page.goto("en/")
    page.get_by_role("textbox", name="Search").fill("Finance")
    page.keyboard.press("End")
    expect(page.locator(".md-search-result__article h1").first).to_have_text(TITLE_EN)
