"""The hazard checklist for small shops and market stalls (小场所隐患排查), as the demo uses it.

The checklist itself is data: the built-in default template
``resources/checklists/small_shop.yaml``, which the server also installs. This module adds
only what a demo needs per item code: how often the item fails and what the inspector
writes then.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from gridterm.domain.inspections import ChecklistTemplate

#: The built-in templates: ``resources/`` beside the packages, in a checkout, a wheel (package
#: data) and the PyInstaller bundle alike.
CHECKLISTS_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "checklists"
DEFAULT_FILE = CHECKLISTS_DIR / "small_shop.yaml"

#: Per item code: (how often it fails, what the inspector writes). An item of the file
#: without an entry here fails at ``_DEFAULT_FAILURE``.
_FAILURES: dict[str, tuple[float, str]] = {
    "wiring": (0.08, "仓库内电线私拉乱接，插排串接"),
    "ebike_charging": (0.06, "店内停放电动车并充电"),
    "sleeping_in_shop": (0.03, "阁楼搭床住人"),
    "blocked_exit": (0.05, "货物堆放堵塞后门"),
    "extinguisher": (0.10, "灭火器压力不足，已过期"),
    "gas_cylinder": (0.03, "液化气瓶放置于灶台旁"),
    "flammables": (0.06, "纸箱包装堆放靠近配电箱"),
    "unlicensed": (0.01, "营业执照未公示"),
}
_DEFAULT_FAILURE = (0.02, "现场发现问题，已告知经营者")


@cache
def _document() -> dict[str, Any]:
    import yaml  # only the demo and the server read template files

    document = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"{DEFAULT_FILE} is not a checklist template")
    return document


def template_data() -> dict[str, Any]:
    """The template document as the server delivers it (what ``ChecklistTemplate.parse``
    reads), from the built-in file; a copy the caller may change."""
    return copy.deepcopy(_document())


def template(template_id: str) -> ChecklistTemplate:
    """The parsed template (validates the built-in file with the domain's rules)."""
    return ChecklistTemplate.parse(template_id, template_data())


_parsed = template("built-in")
CODE: str = _parsed.code
VERSION: int = _parsed.version
TITLE: str = _parsed.title

#: (code, text, severity, deadline days, how often it fails, what the inspector writes).
ITEMS: tuple[tuple[str, str, str, int, float, str], ...] = tuple(
    (
        i.code,
        i.text,
        i.default_severity.value,
        i.default_deadline_days,
        *_FAILURES.get(i.code, _DEFAULT_FAILURE),
    )
    for i in _parsed.items
)
