"""The English UI on a 390 px phone: the navigation wraps instead of running off the screen, and no word
is broken inside itself (labels are longer in English than in Chinese)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_case_pages import fits_the_phone, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Every navigation entry inside the screen, and the list with nothing hidden to scroll to.
NAV_FITS = """() => {
  const list = document.querySelector('nav.mainnav ul');
  const links = [...list.querySelectorAll('a')];
  const off = a => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > 390; };
  const outside = links.filter(off).map(a => a.textContent);
  return {count: links.length, outside, hidden: list.scrollWidth - list.clientWidth};
}"""

# Latin words (2 to 20 letters) whose text is laid out on more than one line: a break inside the word.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.offsetParent) continue;  // not displayed
    for (const m of node.textContent.matchAll(/[A-Za-z]{2,20}/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("username", ["p-supervisor", "p-clerk", "p-arbitrator", "p-applicant"])
def test_the_english_navigation_fits_a_phone(live_server, personas, phone_page: Page, username):
    page = phone_page
    log_in(page, live_server.url, username)
    page.click("button[value=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for path in ("/", "/help/", "/help/privacy/"):
        page.goto(f"{live_server.url}{path}")
        fits = page.evaluate(NAV_FITS)
        assert fits["count"] >= 2, (username, path)
        assert fits["outside"] == [] and fits["hidden"] <= 0, (username, path, fits)
        assert page.evaluate(BROKEN_WORDS) == [], (username, path)
        fits_the_phone(page)
