"""What each role may record (beyond the ticket state machine's own role rules).

A part-time grid worker (courier, rider) only reports problems; a market inspector works on
premises and hazards, not on the household register. The terminal checks this before it writes
and the server checks it again for every pushed record.
"""

from __future__ import annotations

from enum import StrEnum

from gridterm.domain.users import Role, User
from gridterm.errors import PermissionDeniedError


class Activity(StrEnum):
    """A kind of record a user creates or changes."""

    CHECK_IN = "check_in"  # 打卡
    VISIT = "visit"  # 入户走访
    EDIT_REGISTER = "edit_register"  # 人房信息维护
    REPORT_TICKET = "report_ticket"  # 上报问题 / 随手拍
    EDIT_PREMISES = "edit_premises"  # 商户信息维护
    INSPECT = "inspect"  # 隐患排查与复查


A = Activity
_ALLOWED: dict[Role, frozenset[Activity]] = {
    Role.GRID_WORKER: frozenset(
        {A.CHECK_IN, A.VISIT, A.EDIT_REGISTER, A.REPORT_TICKET, A.EDIT_PREMISES, A.INSPECT}
    ),
    Role.PART_TIME_WORKER: frozenset({A.CHECK_IN, A.REPORT_TICKET}),
    Role.MARKET_INSPECTOR: frozenset({A.CHECK_IN, A.REPORT_TICKET, A.EDIT_PREMISES, A.INSPECT}),
    Role.COMMUNITY_SUPERVISOR: frozenset(Activity),
    Role.STREET_STAFF: frozenset(Activity),
}

#: The activity a synced record belongs to; records not listed need no particular role
#: (attachments; ticket transitions, which the ticket state machine checks itself).
ENTITY_ACTIVITY: dict[str, Activity] = {
    "check_in": A.CHECK_IN,
    "visit": A.VISIT,
    "household": A.EDIT_REGISTER,
    "resident": A.EDIT_REGISTER,
    "ticket": A.REPORT_TICKET,
    "premises": A.EDIT_PREMISES,
    "hazard_inspection": A.INSPECT,
    "checklist_answer": A.INSPECT,
    "hazard": A.INSPECT,
}


def may(role: Role, activity: Activity) -> bool:
    """Whether ``role`` may perform ``activity``."""
    return activity in _ALLOWED[role]


def require(user: User, activity: Activity) -> None:
    """Raise PermissionDeniedError unless ``user``'s role may perform ``activity``."""
    if not may(user.role, activity):
        raise PermissionDeniedError(
            "permission.role_not_allowed",
            f"a {user.role.value} cannot {activity.value}",
            role=user.role.value,
            activity=activity.value,
        )


def require_for_entity(user: User, entity: str) -> None:
    """``require`` for the activity a synced record belongs to (if any)."""
    activity = ENTITY_ACTIVITY.get(entity)
    if activity is not None:
        require(user, activity)
