"""Accessibility checks on the live DOM of a Playwright page: names, landmarks, visible focus,
and axe-core's WCAG 2.2 A/AA rules.

They look at what the browser rendered (computed styles, what is on screen), not at the
template source, so a control hidden by CSS or a focus style lost to a later rule shows up.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

CHECKS = ("lang", "title", "h1", "main", "labels", "alt", "names", "ids")
#: The axe-core rule tags of WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# Shared by both scripts: a short description of an element for failure messages, and
# whether a computed colour is fully transparent.
_HELPERS = r"""
const describe = (el) => {
  let label = el.tagName.toLowerCase();
  if (el.id) label += '#' + el.id;
  const name = el.getAttribute('name');
  if (name) label += `[name="${name}"]`;
  const html = el.outerHTML.replace(/\s+/g, ' ');
  return `${label}: ${html.length > 160 ? html.slice(0, 157) + '...' : html}`;
};
const transparent = (color) => {
  const c = (color || '').trim();
  return c === '' || c === 'transparent' || /[,/]\s*0(\.0*)?\s*\)$/.test(c);
};
"""

_AUDIT = (
    "(checks) => {"
    + _HELPERS
    + r"""
  const problems = [];
  const want = new Set(checks);
  const rendered = (el) =>
    el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const text = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim();
  const labelledBy = (el) => (el.getAttribute('aria-labelledby') || '')
    .split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean)
    .map(text).join(' ').trim();
  const ariaName = (el) => (el.getAttribute('aria-label') || '').trim() || labelledBy(el);

  if (want.has('lang') && !(document.documentElement.getAttribute('lang') || '').trim()) {
    problems.push('<html> has no lang attribute');
  }
  if (want.has('title') && !document.title.trim()) {
    problems.push('the page has no <title>');
  }
  if (want.has('h1')) {
    const headings = [...document.querySelectorAll('h1')];
    if (headings.length !== 1) {
      problems.push(`expected exactly one <h1>, found ${headings.length}`
        + headings.map((h) => '\n     ' + describe(h)).join(''));
    }
  }
  if (want.has('main')) {
    const mains = [...document.querySelectorAll('main, [role="main"]')].filter(rendered);
    if (mains.length !== 1) {
      problems.push(`expected one <main> landmark, found ${mains.length}`);
    }
  }
  if (want.has('labels')) {
    const skipped = new Set(['hidden', 'submit', 'button', 'reset', 'image']);
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.tagName === 'INPUT' && skipped.has(el.type)) continue;
      if (!rendered(el)) continue;
      const labelled = [...(el.labels || [])].some((label) => text(label));
      if (!labelled && !ariaName(el)) {
        problems.push('form control without a label: ' + describe(el));
      }
    }
  }
  if (want.has('alt')) {
    for (const img of document.querySelectorAll('img:not([alt])')) {
      problems.push('image without alt: ' + describe(img));
    }
  }
  if (want.has('names')) {
    const controls = 'a[href], button, [role="button"], input[type="submit"], '
      + 'input[type="button"], input[type="reset"]';
    for (const el of document.querySelectorAll(controls)) {
      if (!rendered(el)) continue;
      const pictures = [...el.querySelectorAll('img[alt]')].map((img) => img.alt.trim());
      const name = ariaName(el) || text(el) || pictures.join('')
        || (el.getAttribute('title') || '').trim()
        || (el.tagName === 'INPUT' ? (el.value || '').trim() : '');
      if (!name) problems.push('link or button without a name: ' + describe(el));
    }
  }
  if (want.has('ids')) {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) {
      seen.set(el.id, (seen.get(el.id) || 0) + 1);
    }
    for (const [id, count] of seen) {
      if (count > 1) problems.push(`id "${id}" is used ${count} times`);
    }
  }
  return problems;
}"""
)

_FOCUSED = (
    "async (waitMs) => {"
    + _HELPERS
    + r"""
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const shadowShown = (value) => (value || 'none') !== 'none'
    && value.split(/,(?![^(]*\))/).some((shadow) => {
      const color = (shadow.match(/^\s*(\w+\([^)]*\)|[a-z]+)/) || [])[1];
      const lengths = [...shadow.matchAll(/(-?[\d.]+)px/g)].map((m) => parseFloat(m[1]));
      return !transparent(color) && lengths.some((n) => n !== 0);
    });
  const look = () => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      && !transparent(s.outlineColor);
    return {
      shown: outline || shadowShown(s.boxShadow),
      style: `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; `
        + `box-shadow: ${s.boxShadow}`,
    };
  };
  // A focus style may fade in; give it a moment before calling it missing.
  const start = performance.now();
  let seen = look();
  while (!seen.shown && performance.now() - start < waitMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen = look();
  }
  return {element: describe(el), shown: seen.shown, style: seen.style};
}"""
)


def accessibility_problems(page: Page, *, checks: Collection[str] = CHECKS) -> list[str]:
    """What is wrong with the page as rendered, one line per offending element.

    ``lang``: <html lang>; ``title``: a <title>; ``h1``: exactly one; ``main``: one main
    landmark; ``labels``: every rendered input, select and textarea has a label (label[for],
    a wrapping label, aria-label or aria-labelledby); ``alt``: every <img> has alt (empty for
    decoration); ``names``: links and buttons have a name; ``ids``: no id used twice.
    """
    unknown = set(checks) - set(CHECKS)
    if unknown:
        raise ValueError(f"unknown accessibility checks: {sorted(unknown)}")
    return list(page.evaluate(_AUDIT, list(checks)))


# Runs the rules of the given tags on the whole document; violations only.
_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations;
}"""


# Whether the document runs scripts: without, the parser reads <noscript>'s content as markup.
_SCRIPTING = """() => {
  const probe = document.createElement('div');
  probe.innerHTML = '<noscript><i></i></noscript>';
  return probe.querySelector('i') === null;
}"""

# In a copy that runs scripts, what <noscript> holds is shown as the original showed it.
_UNWRAP_NOSCRIPT = """() => {
  for (const element of document.querySelectorAll('body noscript')) {
    const template = document.createElement('template');
    template.innerHTML = element.textContent;
    element.replaceWith(template.content);
  }
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now (axe's result objects)."""
    if not page.evaluate(_SCRIPTING):
        return _axe_on_a_scripted_copy(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    # Fading and sliding elements would be measured half-drawn: finish them first.
    page.evaluate(
        "() => document.getAnimations().forEach((a) => { try { a.finish(); } catch (e) {} })"
    )
    return list(page.evaluate(_AXE_RUN, list(WCAG_TAGS)))


def _axe_on_a_scripted_copy(page: Page) -> list[dict[str, Any]]:
    """axe waits on timers, which never fire in a page without JavaScript. It checks a copy
    instead: the same document at the same address, size, colour scheme and cookies, in a
    page that runs scripts but none of the document's own (a Content-Security-Policy)."""
    browser = page.context.browser
    assert browser is not None, "the page's browser is gone"
    html = page.content()
    dark = page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")
    context = browser.new_context(
        viewport=page.viewport_size, color_scheme="dark" if dark else "light"
    )
    try:
        context.add_cookies(page.context.cookies())
        copy = context.new_page()
        address = page.url
        copy.route(
            lambda url: url == address,
            lambda route: route.fulfill(
                body=html,
                content_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": "script-src 'none'"},
            ),
        )
        copy.goto(address)
        copy.evaluate(_UNWRAP_NOSCRIPT)
        return axe_violations(copy)
    finally:
        context.close()


def axe_problems(page: Page) -> list[str]:
    """One line per element axe-core finds at fault: the rule, its impact, the element
    (axe's selector) and what is wrong with it."""
    problems = []
    for violation in axe_violations(page):
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            message = "; ".join(check["message"] for check in checks) or violation["help"]
            problems.append(
                f"axe {violation['id']} ({node.get('impact') or violation['impact']}) "
                f"at {target}: {message}"
            )
    return problems


def assert_accessible(page: Page, *, skip: Collection[str] = (), axe: bool = True) -> None:
    """Fail listing every problem ``accessibility_problems`` finds (less the ``skip`` ones)
    and, unless ``axe`` is False, every axe-core WCAG 2.2 A/AA violation."""
    problems = accessibility_problems(page, checks=[c for c in CHECKS if c not in skip])
    if axe:
        problems += axe_problems(page)
    assert not problems, f"{page.url} is not accessible:\n - " + "\n - ".join(problems)


def focus_problems(page: Page, *, presses: int = 5) -> list[str]:
    """Press Tab ``presses`` times; list each focused element that shows no focus indicator.

    An indicator is an outline (style not none, width above 0, not transparent) or a visible
    box-shadow, as computed while the element has keyboard focus.
    """
    problems: list[str] = []
    reached = 0
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED, 500)
        if focused is None:
            continue
        reached += 1
        if not focused["shown"]:
            problems.append(f"no visible focus on {focused['element']}\n     ({focused['style']})")
    if not reached:
        problems.append(f"Tab reached no element in {presses} presses")
    return problems


def assert_focus_visible(page: Page, *, presses: int = 5) -> None:
    """Fail unless every element reached by ``presses`` Tabs shows where the focus is."""
    problems = focus_problems(page, presses=presses)
    assert not problems, f"{page.url}: focus is not visible:\n - " + "\n - ".join(problems)
