"""Words for households and their visits: visit types, key-household reasons, what was raised
and the outcome, a resident's relation and gender (入户走访, 重点人群)."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP

VISIT_TYPES = {
    "routine": QT_TRANSLATE_NOOP("Labels", "Routine visit"),
    "key_group_care": QT_TRANSLATE_NOOP("Labels", "Key-group care"),
    "policy_publicity": QT_TRANSLATE_NOOP("Labels", "Policy publicity"),
    "dispute_mediation": QT_TRANSLATE_NOOP("Labels", "Dispute mediation"),
    "safety_check": QT_TRANSLATE_NOOP("Labels", "Safety check"),
    "epidemic_prevention": QT_TRANSLATE_NOOP("Labels", "Epidemic prevention"),
}
KEY_REASONS = {
    "elderly_alone": QT_TRANSLATE_NOOP("Labels", "Elderly living alone"),
    "empty_nest": QT_TRANSLATE_NOOP("Labels", "Empty-nest elderly"),
    "disabled": QT_TRANSLATE_NOOP("Labels", "Disabled"),
    "low_income": QT_TRANSLATE_NOOP("Labels", "Low income"),
    "patient": QT_TRANSLATE_NOOP("Labels", "Chronic / regular treatment"),
    "pregnant": QT_TRANSLATE_NOOP("Labels", "Pregnant"),
    "left_behind_minor": QT_TRANSLATE_NOOP("Labels", "Minor left behind"),
    "community_correction": QT_TRANSLATE_NOOP("Labels", "Community correction"),
}
CONCERN_KINDS = {
    "need": QT_TRANSLATE_NOOP("Labels", "Need"),
    "complaint": QT_TRANSLATE_NOOP("Labels", "Complaint"),
    "suggestion": QT_TRANSLATE_NOOP("Labels", "Suggestion"),
}
OUTCOMES = {
    "nothing_raised": QT_TRANSLATE_NOOP("Labels", "Nothing raised"),
    "settled": QT_TRANSLATE_NOOP("Labels", "Settled on the spot"),
    "ticket": QT_TRANSLATE_NOOP("Labels", "Open a ticket"),
}
RELATIONS = {
    "head": QT_TRANSLATE_NOOP("Labels", "Head of household"),
    "spouse": QT_TRANSLATE_NOOP("Labels", "Spouse"),
    "child": QT_TRANSLATE_NOOP("Labels", "Child"),
    "parent": QT_TRANSLATE_NOOP("Labels", "Parent"),
    "grandchild": QT_TRANSLATE_NOOP("Labels", "Grandchild"),
    "tenant": QT_TRANSLATE_NOOP("Labels", "Tenant"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
GENDERS = {
    "male": QT_TRANSLATE_NOOP("Labels", "Male"),
    "female": QT_TRANSLATE_NOOP("Labels", "Female"),
}
