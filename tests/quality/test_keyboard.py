"""Keyboard only, in a real browser: every control of every page type can be reached with Tab
and shows where the focus is; the language switch, the search, the filters and the
case-study form work without a mouse, in English and in Welsh.

Features are found in the built site (tests/page_types.py), so that a new page type or a new
filter is covered as soon as it exists. A test whose feature is absent from the built site
is skipped and says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.page_types import address, fresh_tab, language_of, one_page_of_each_type, pages_by_type
from tests.site_pages import counterpart, page_paths, page_url, soup

pytestmark = pytest.mark.browser

# Focusable controls a reader can reach with Tab (tabindex="-1" takes an element out of the order).
FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])"

MARK_CONTROLS = """selector => {
  const visible = element => element.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && element.getClientRects().length > 0;
  const controls = [...document.querySelectorAll(selector)].filter(element => element.tabIndex >= 0 && visible(element));
  controls.forEach((element, index) => element.dataset.kbd = String(index));
  return controls.map(element => element.outerHTML.slice(0, 120));
}"""

FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // Jump to the end of any transition that brings the control into view (the skip link fades in).
  element.getAnimations({subtree: false}).forEach(animation => animation.finish());
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  // A focused control the reader cannot see (transparent, hidden) shows no focus either.
  const seen = element.checkVisibility({visibilityProperty: true, opacityProperty: true}) && element.getClientRects().length > 0;
  return {id: element.dataset.kbd ?? null, shown: seen && (outline || shadow), html: element.outerHTML.slice(0, 120)};
}"""


def tab_until(page, predicate_js: str, limit: int = 80) -> int:
    """Press Tab until the focused element matches; the number of presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const element = document.activeElement; return !!element && ({predicate_js}); }}"):
            return presses
    raise AssertionError(f"Tab never reached an element matching {predicate_js} in {limit} presses")


def pages_with(site: Path, selector: str) -> list[Path]:
    """One page per language (the first in address order, 404 pages last) that has an element
    matching selector."""
    found = {}
    for relative in sorted(page_paths(site), key=lambda relative: (relative.name == "404.html", str(relative))):
        language = language_of(relative)
        if language not in found and soup(site / relative).select_one(selector) is not None:
            found[language] = relative
    return [found[language] for language in sorted(found)]


# ---------------------------------------------------------------- every page type


def test_every_control_of_each_page_type_is_reached_by_tab_and_shows_focus(browser, built_site, site_server):
    problems = []
    for relative in one_page_of_each_type(built_site):
        with fresh_tab(browser) as page:
            page.goto(address(site_server, relative), wait_until="load")
            controls = page.evaluate(MARK_CONTROLS, FOCUSABLE)
            reached, unseen = set(), []
            # Controls a script shows after loading (unmarked) take Tabs too: allow for them.
            for _ in range(3 * len(controls) + 50):
                page.keyboard.press("Tab")
                focus = page.evaluate(FOCUS_SHOWN)
                if focus is None:
                    continue  # past the end of the page: the next Tab starts again at the top
                if focus["id"] == "0" and reached:
                    break  # round to the start again
                if focus["id"] in reached:
                    continue
                if focus["id"] is not None:
                    reached.add(focus["id"])
                if not focus["shown"]:
                    unseen.append(focus["html"])
            missed = [html for index, html in enumerate(controls) if str(index) not in reached]
            if missed:
                problems.append(f"{relative}: Tab never reaches {len(missed)} control(s), e.g. {missed[:3]}")
            if unseen:
                problems.append(f"{relative}: no visible focus on {len(unseen)} control(s), e.g. {unseen[:3]}")
    assert problems == []


# ---------------------------------------------------------------- language switch


@pytest.mark.parametrize("start", ["guidance/plans/index.html", "cy/guidance/plans/index.html"])
def test_the_language_switch_works_by_keyboard(browser, built_site, site_server, start):
    start = Path(start)
    with fresh_tab(browser) as page:
        page.goto(address(site_server, start), wait_until="load")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('md-skip')"), "the first Tab reaches the skip link"
        presses = tab_until(page, "element.matches('.x-language-switch a[hreflang]')")
        assert presses <= 6, f"the language switch is {presses + 1} Tabs from the top of the page: it belongs near the start"
        assert page.evaluate(FOCUS_SHOWN)["shown"]
        with page.expect_navigation():
            page.keyboard.press("Enter")
        other = counterpart(start)
        assert page.url == address(site_server, other)
        assert page.evaluate("document.documentElement.lang") == language_of(other)


def test_the_skip_link_moves_the_keyboard_to_the_content(browser, built_site, site_server):
    with fresh_tab(browser) as page:
        page.goto(address(site_server, Path("cy/guidance/roles/index.html")), wait_until="load")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        inside_content = page.evaluate("!!document.activeElement.closest('.md-content')")
        assert inside_content, "after the skip link, the next Tab is in the page's content, not the navigation"


# ---------------------------------------------------------------- search


SEARCH_FIELD = "header input[type=search], header [role=search] input"


def test_the_search_works_by_keyboard(browser, built_site, site_server):
    starts = pages_with(built_site, SEARCH_FIELD)
    if not starts:
        pytest.skip("the built site has no search field in its header yet")
    queries = {"en": "designated", "cy": "dynodedig"}
    for relative in starts:
        with fresh_tab(browser) as page:
            page.goto(address(site_server, relative), wait_until="load")
            page.evaluate("() => document.querySelectorAll('a[href]').forEach(link => link.dataset.before = '1')")
            tab_until(page, f"element.matches({SEARCH_FIELD!r})")
            assert page.evaluate(FOCUS_SHOWN)["shown"]
            page.keyboard.type(queries[language_of(relative)], delay=20)
            new_result = "a[href]:not([data-before])"
            page.wait_for_function(f"() => [...document.querySelectorAll({new_result!r})].some(link => link.checkVisibility())", timeout=15000)
            # The field's help says: the down arrow moves into the results.
            for _ in range(3):
                page.keyboard.press("ArrowDown")
                if page.evaluate(f"document.activeElement.matches({new_result!r})"):
                    break
            else:
                tab_until(page, f"element.matches({new_result!r})", limit=10)
            target = page.evaluate("document.activeElement.href")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url.split("#")[0] == target.split("#")[0] and page.url.startswith(site_server)
            assert page.locator("h1").count() >= 1


def test_escape_closes_the_search_results(browser, built_site, site_server):
    starts = pages_with(built_site, SEARCH_FIELD)
    if not starts:
        pytest.skip("the built site has no search field in its header yet")
    with fresh_tab(browser) as page:
        page.goto(address(site_server, starts[0]), wait_until="load")
        page.evaluate("() => document.querySelectorAll('a[href]').forEach(link => link.dataset.before = '1')")
        tab_until(page, f"element.matches({SEARCH_FIELD!r})")
        page.keyboard.type("plan", delay=20)
        page.wait_for_function("() => [...document.querySelectorAll('a[href]:not([data-before])')].some(link => link.checkVisibility())", timeout=15000)
        page.keyboard.press("Escape")
        page.wait_for_function("() => ![...document.querySelectorAll('a[href]:not([data-before])')].some(link => link.checkVisibility())", timeout=5000)
        assert page.evaluate(f"document.activeElement.matches({SEARCH_FIELD!r})"), "after Escape the focus stays in the search field"


# ---------------------------------------------------------------- filters


def filter_pages(site: Path) -> list[Path]:
    found = []
    for (template, language), pages in sorted(pages_by_type(site).items()):
        for relative in pages:
            document = soup(site / relative)
            if any(form.select_one("select") and form.select_one("[role=status]") for form in document.select("main form")):
                found.append(relative)
                break
    return found


def test_every_filter_works_by_keyboard(browser, built_site, site_server):
    """Each filter form (selects that narrow a list, a role=status count, a reset button)
    filters with the arrow keys and clears with Enter, and says so in its status line."""
    pages = filter_pages(built_site)
    if not pages:
        pytest.skip("the built site has no filter form")
    problems = []
    for relative in pages:
        with fresh_tab(browser) as page:
            page.goto(address(site_server, relative), wait_until="load")
            forms = page.locator("main form:has(select):has([role=status])")
            for index in range(forms.count()):
                form = forms.nth(index)
                form.wait_for(state="visible")
                status = form.locator("[role=status]")
                before = status.text_content()
                form.evaluate("form => form.dataset.kbdForm = '1'")
                tab_until(page, "element.matches('[data-kbd-form] select')", limit=150)
                changed = False
                for _ in range(30):
                    page.keyboard.press("ArrowDown")
                    if status.text_content() != before:
                        changed = True
                        break
                if not changed:
                    problems.append(f"{relative}: choosing with the arrow keys never changed the status line ({before!r})")
                    continue
                tab_until(page, "element.matches('[data-kbd-form] button[type=reset], [data-kbd-form] input[type=reset]')", limit=20)
                page.keyboard.press("Enter")
                try:
                    page.wait_for_function("([element, text]) => element.textContent === text", arg=[status.element_handle(), before], timeout=3000)
                except Exception:
                    problems.append(f"{relative}: Enter on the reset button did not bring back {before!r} (status: {status.text_content()!r})")
    assert problems == []


# ---------------------------------------------------------------- the case-study form


def share_form_pages(site: Path) -> list[Path]:
    pages = []
    for relative in (Path("case-studies/share/index.html"), Path("cy/case-studies/share/index.html")):
        if (site / relative).is_file() and soup(site / relative).select_one("main form [type=submit], main form button:not([type])"):
            pages.append(relative)
    return pages


def test_the_case_study_form_works_by_keyboard(browser, built_site, site_server):
    """Every field is reached by Tab, in order; sending it empty by keyboard keeps the reader
    on the page and takes the focus to what needs fixing."""
    pages = share_form_pages(built_site)
    if not pages:
        pytest.skip("the built site has no case-study form (case-studies/share/) yet")
    for relative in pages:
        with fresh_tab(browser) as page:
            page.goto(address(site_server, relative), wait_until="load")
            form = page.locator("main form:has([type=submit])").first
            form.wait_for(state="visible")
            fields = form.evaluate("""form => [...form.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                .filter(element => element.checkVisibility() && element.tabIndex >= 0)
                .map((element, index) => { element.dataset.kbdField = String(index); return element.name || element.id || element.type; })""")
            assert fields, "the form has fields"
            tab_until(page, "element.dataset.kbdField === '0'", limit=200)
            order = [0]
            for _ in range(len(fields) * 3):
                page.keyboard.press("Tab")
                current = page.evaluate("document.activeElement.dataset.kbdField")
                if current is None:
                    break
                if int(current) not in order:
                    order.append(int(current))
            assert order == list(range(len(fields))), f"{relative}: Tab visits the fields in another order or skips some: {order} of {fields}"
            page.goto(address(site_server, relative), wait_until="load")
            form.wait_for(state="visible")
            form.locator("[type=submit]").first.evaluate("button => button.dataset.kbdSubmit = '1'")
            tab_until(page, "element.dataset.kbdSubmit === '1'", limit=300)
            url = page.url
            page.keyboard.press("Enter")
            page.wait_for_timeout(300)
            assert page.url.split("#")[0] == url.split("#")[0], "sending an empty form by keyboard does not leave the page"
            focus = page.evaluate("""() => { const element = document.activeElement;
                return {inForm: !!element.closest('form'), alert: !!element.closest('[role=alert], .x-error-summary, [data-error-summary]'),
                        invalid: element.getAttribute('aria-invalid') === 'true' || element.matches(':invalid')}; }""")
            assert focus["alert"] or focus["invalid"], f"{relative}: after sending an empty form the focus is not on the errors: {focus}"
            assert page.locator("[aria-invalid=true], [role=alert]").count() >= 1


def test_keyboard_tests_find_the_page_types(built_site):
    """The discovery the keyboard tests rely on finds the case-study filter in both languages."""
    pages = {page_url(relative) for relative in filter_pages(built_site)}
    assert {"/case-studies/", "/cy/case-studies/"} <= pages


def test_the_focus_check_notices_a_control_that_hides_its_focus(browser):
    """The harness is not blind: a button whose focus outline is removed is caught."""
    with fresh_tab(browser) as page:
        page.set_content('<!doctype html><html lang="en"><head><title>t</title><style>#shown:focus-visible { outline: 3px solid #ffbf47; } #hidden:focus { outline: none; box-shadow: none; }</style></head>'
                         '<body><button id="shown">Shown</button><button id="hidden">Hidden</button></body></html>')
        page.evaluate(MARK_CONTROLS, FOCUSABLE)
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SHOWN)["shown"] is True
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SHOWN) == {"id": "1", "shown": False, "html": '<button id="hidden" data-kbd="1">Hidden</button>'}
