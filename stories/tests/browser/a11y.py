"""Accessibility checks on the live DOM of a Playwright page: names, landmarks, visible focus.

They look at what the browser rendered (computed styles, what is on screen), not at the
template source, so a control hidden by CSS or a focus style lost to a later rule shows up.
"""

from __future__ import annotations

from collections.abc import Collection

from playwright.sync_api import Page

CHECKS = ("lang", "title", "h1", "main", "labels", "alt", "names", "ids")

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


def assert_accessible(page: Page, *, skip: Collection[str] = ()) -> None:
    """Fail listing every problem ``accessibility_problems`` finds (less the ``skip`` ones)."""
    problems = accessibility_problems(page, checks=[c for c in CHECKS if c not in skip])
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
