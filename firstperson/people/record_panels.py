"""A documented hook: apps above `people` add sections to a person's staff record page.

The people app may not import the apps above it (STYLE.md), yet the record page should show what
they know about the person, such as front-door contacts. An app registers a panel in its
AppConfig.ready(); the record page renders every panel the viewer is allowed to see.

A panel is a function (actor, person) -> RecordPanel | None. It must scope what it returns to the
actor, as every selector does, and return None when it has nothing to show.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RecordPanel:
    title: str
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)


PanelFunction = Callable[[Any, Any], RecordPanel | None]
_PANELS: list[PanelFunction] = []


def register_record_panel(panel: PanelFunction) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def record_panels_for(*, actor, person) -> list[RecordPanel]:
    panels = (panel(actor, person) for panel in _PANELS)
    return [panel for panel in panels if panel is not None]
