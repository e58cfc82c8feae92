"""Diagram files for tests: a scenario's reference flow as Mermaid (the walkthrough's own code) and as an
Excalidraw export built the way Excalidraw saves one (shapes with bound text, arrows bound at both ends)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sdcoach.content.schema import Scenario


def excalidraw(boxes: Sequence[tuple[str, str]], arrows: Sequence[tuple[str, str, str]]) -> str:
    """An Excalidraw export: (id, label) rectangles and (source id, target id, label) arrows."""
    elements: list[dict[str, object]] = []
    for index, (box_id, label) in enumerate(boxes):
        text_id = f"{box_id}-text"
        elements.append(
            {
                "id": box_id,
                "type": "rectangle",
                "x": 300 * index,
                "y": 0,
                "width": 200,
                "height": 80,
                "isDeleted": False,
                "boundElements": [{"id": text_id, "type": "text"}],
            }
        )
        elements.append(
            {
                "id": text_id,
                "type": "text",
                "text": label,
                "originalText": label,
                "containerId": box_id,
                "isDeleted": False,
            }
        )
    for index, (source, target, label) in enumerate(arrows):
        arrow_id = f"arrow-{index}"
        elements.append(
            {
                "id": arrow_id,
                "type": "arrow",
                "isDeleted": False,
                "startArrowhead": None,
                "endArrowhead": "arrow",
                "startBinding": {"elementId": source, "focus": 0, "gap": 4},
                "endBinding": {"elementId": target, "focus": 0, "gap": 4},
                "boundElements": [{"id": f"{arrow_id}-label", "type": "text"}] if label else [],
            }
        )
        if label:
            elements.append(
                {
                    "id": f"{arrow_id}-label",
                    "type": "text",
                    "text": label,
                    "originalText": label,
                    "containerId": arrow_id,
                    "isDeleted": False,
                }
            )
    return json.dumps(
        {
            "type": "excalidraw",
            "version": 2,
            "source": "https://excalidraw.com",
            "elements": elements,
            "appState": {"viewBackgroundColor": "#ffffff"},
            "files": {},
        },
        indent=1,
    )


def reference_excalidraw(scenario: Scenario) -> str:
    """The scenario's own data flow as an Excalidraw export."""
    boxes = [(c.id, c.name) for c in scenario.components]
    arrows = [(e.source, e.target, e.carries) for e in scenario.data_flow]
    return excalidraw(boxes, arrows)
