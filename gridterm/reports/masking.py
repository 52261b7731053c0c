"""Personal data in reports and exports follows the viewer's role (``User.sees_unmasked``)."""

from __future__ import annotations

from gridterm.domain.residents import mask
from gridterm.domain.users import User


def mask_household(viewer: User, head: str, phone: str) -> tuple[str, str]:
    """A key household's head of household and phone as ``viewer`` may see them."""
    shown_phone = phone if viewer.sees_unmasked("phone") else mask("phone", phone)
    return head, shown_phone
