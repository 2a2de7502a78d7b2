"""Checks a page with axe-core against WCAG 2.2 A and AA, and checks that it reflows on a phone.
Every page a journey visits is checked both ways."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()

PHONE = {"width": 320, "height": 720}


def assert_accessible(page) -> None:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    if violations:
        lines = [f"{page.url}: {len(violations)} accessibility violation(s)"]
        for violation in violations:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        raise AssertionError("\n".join(lines))


# The outermost elements that stick out past the right edge of the window, widest first, leaving out
# anything clipped by a box that scrolls sideways itself (a data table in its .fp-table-scroll box).
# Clipping follows containing blocks, not the DOM: an absolutely positioned element escapes a scrolling
# box that is not positioned.
_STICKING_OUT = """() => {
  const limit = window.innerWidth + 0.5;
  const top = (node) => !node || node === document.body || node === document.documentElement;
  const containingBlock = (element) => {
    const position = getComputedStyle(element).position;
    if (position === "fixed") return null;
    let box = element.parentElement;
    if (position === "absolute") {
      while (!top(box) && getComputedStyle(box).position === "static") box = box.parentElement;
    }
    return box;
  };
  const clipped = (element) => {
    for (let box = containingBlock(element); !top(box); box = containingBlock(box)) {
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const sticksOut = (element) => element.getBoundingClientRect().right > limit && !clipped(element);
  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += "#" + element.id;
    for (const cls of element.classList) name += "." + cls;
    const text = (element.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 60);
    return { name, right: Math.round(element.getBoundingClientRect().right), text };
  };
  const found = [...document.body.querySelectorAll("*")]
    .filter((element) => sticksOut(element) && !(element.parentElement && sticksOut(element.parentElement)))
    .map((element) => [element, element.getBoundingClientRect().right]);
  // Words that overflow their own element (a long unbroken reference or email address) stick out
  // although the element does not: name the element they overflow.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const element = text.parentElement;
    if (!element || clipped(element) || sticksOut(element)) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    const right = range.getBoundingClientRect().right;
    if (right > limit) found.push([element, right]);
  }
  return found
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([element, right]) => ({ ...describe(element), right: Math.round(right) }));
}"""


def assert_reflows(page) -> None:
    """WCAG 2.2 SC 1.4.10 (reflow): at 320 CSS pixels wide the page must not scroll sideways.

    A data table may scroll sideways inside its own box (.fp-table-scroll: a named, focusable region),
    which 1.4.10 allows; the page around it must not. The check is made at 320 x 720 and the window's
    size is then put back as it was, so a journey on a laptop stays on a laptop."""
    original = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width > inner_width:
            culprits = page.evaluate(_STICKING_OUT)
            lines = [f"{page.url}: scrolls sideways at {PHONE['width']} pixels wide ({scroll_width}px of content)"]
            lines += [f"- {c['name']} reaches {c['right']}px: {c['text']!r}" for c in culprits]
            raise AssertionError("\n".join(lines))
    finally:
        if original is not None:
            page.set_viewport_size(original)
