"""Who may verify (核查): a street office may require that the one who verifies a ticket or
a hazard is not the one who reported it (核查人与上报人不得为同一人).

The rule is a street office's setting, delivered from the server; the core only judges it.
Both sides call ``check_verifier`` with the setting they hold: the terminal's services
(``gridterm.services.verification.another_must_verify``) and the server's push handlers.
"""

from __future__ import annotations

from gridterm.errors import PermissionDeniedError


def check_verifier(reported_by: str, verifier: str, *, another_required: bool) -> None:
    """Refuse ``verify.same_person`` when the setting is on and the reporter verifies."""
    if another_required and reported_by and reported_by == verifier:
        raise PermissionDeniedError(
            "verify.same_person",
            "someone other than the reporter must verify",
            field="by_user",
        )
