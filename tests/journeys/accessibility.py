"""Checks a page with axe-core against WCAG 2.2 A and AA. Every page a journey visits is checked."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def assert_accessible(page) -> None:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    if violations:
        lines = [f"{page.url}: {len(violations)} accessibility violation(s)"]
        for violation in violations:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        raise AssertionError("\n".join(lines))
