"""The inspection screen's two use cases, each one transaction: carrying on an inspection
(resume or start) and finishing it (last answers, signature, completion, draft)."""

from __future__ import annotations

import pytest

from gridterm.domain.inspections import InspectionStatus, ItemOutcome, ItemResult
from gridterm.errors import TransitionError, ValidationError
from gridterm.services.inspections import Inspections
from gridterm.store.drafts import Drafts
from tests.core.helpers import (
    ITEMS_V1,
    outbox,
    sha,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"signature strokes"


def _answers(fail: str = "wiring", note: str = "插线板串接") -> dict[str, ItemOutcome]:
    return {
        i["code"]: ItemOutcome(i["code"], ItemResult.FAIL, note, (sha("b"),))
        if i["code"] == fail
        else ItemOutcome(i["code"], ItemResult.PASS)
        for i in ITEMS_V1
    }


def _counts(place) -> dict[str, int]:
    tables = ("hazard_inspection", "checklist_answer", "hazard", "attachment", "draft")
    return {t: place.store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in tables}


def test_opening_starts_then_resumes_the_same_inspection(market) -> None:
    service = Inspections(market.session("i1"))
    first = service.open("p-1")
    assert first.inspection is not None and not first.resumed
    assert first.template is not None and first.template.version == 1
    service.answer(first.inspection.id, "wiring", "pass")
    again = service.open("p-1")
    assert again.resumed and again.inspection == first.inspection
    assert again.answers == {"wiring": ItemOutcome("wiring", ItemResult.PASS)}
    assert service.open("p-2").inspection != first.inspection  # another stall, its own


def test_opening_with_several_checklists_and_none_chosen_starts_nothing(market) -> None:
    market.store.write(
        lambda tx: tx.insert(
            "checklist_template",
            {"id": "fire-v1", "code": "fire", "version": 1, "title": "消防", "items": ITEMS_V1},
            outbox=False,
        )
    )
    service = Inspections(market.session("i1"))
    before = _counts(market)
    offered = service.open("p-1")
    assert offered.inspection is None and [t.code for t in offered.templates] == ["shop", "fire"]
    assert _counts(market) == before
    chosen = service.open("p-1", template_code="fire")
    assert chosen.inspection is not None and chosen.inspection.template_code == "fire"


def test_opening_a_completed_inspection_is_refused(market) -> None:
    service = Inspections(market.session("i1"))
    opened = service.open("p-1")
    assert opened.inspection is not None
    service.finish(opened.inspection.id, answers=_answers(fail=""), signature_png=PNG)
    with pytest.raises(TransitionError):
        service.open("p-1", inspection_id=opened.inspection.id)


def test_finishing_writes_the_last_answers_signature_completion_and_drops_the_draft(
    market,
) -> None:
    session = market.session("i1")
    service, drafts = Inspections(session), Drafts(market.store, session.user.id)
    opened = service.open("p-1")
    assert opened.inspection is not None
    iid = opened.inspection.id
    service.answer(iid, "wiring", "fail", note="插线", photos=(sha("b"),))  # the note grew since
    drafts.save(iid, "inspection", {"items": {}}, "p-1")
    (hazard,) = service.finish(
        iid, answers=_answers(), hazards={"wiring": {"responsible": "李师傅"}}, signature_png=PNG
    )
    assert hazard.responsible == "李师傅" and "插线板串接" in hazard.description
    assert service.answers(iid)["wiring"].note == "插线板串接"
    done = service.get(iid)
    assert done.status is InspectionStatus.COMPLETED and done.signature is not None
    assert market.store.blobs.get(done.signature) == PNG
    kinds = market.store.query("SELECT kind FROM attachment WHERE sha256 = ?", (done.signature,))
    assert kinds == [{"kind": "signature"}]
    assert drafts.load("inspection") == []


@pytest.mark.parametrize(
    ("answers", "hazards", "code"),
    [
        ({"wiring": ItemOutcome("wiring", ItemResult.PASS)}, {}, "inspection.items_unanswered"),
        (_answers(), {"ebike": {"severity": "minor"}}, "hazard.item_not_failed"),
        (_answers(), {"wiring": {"responsible": ""}}, "hazard.responsible_required"),
    ],
)
def test_a_refused_finish_writes_none_of_it(market, answers, hazards, code) -> None:
    """One transaction: a refusal at the completion leaves the answers it was given, the
    signature's record and the draft as they were."""
    market.store.write(lambda tx: tx.execute("UPDATE premises SET operator = ''"))
    session = market.session("i1")
    service, drafts = Inspections(session), Drafts(market.store, session.user.id)
    opened = service.open("p-1")
    assert opened.inspection is not None
    drafts.save(opened.inspection.id, "inspection", {"items": {}}, "p-1")
    before, sent = _counts(market), outbox(market)
    with pytest.raises(ValidationError) as refused:
        service.finish(opened.inspection.id, answers=answers, hazards=hazards, signature_png=PNG)
    assert refused.value.code == code
    assert _counts(market) == before and outbox(market) == sent
    assert service.get(opened.inspection.id).status is InspectionStatus.IN_PROGRESS


def test_finishing_unsigned_needs_the_reason_and_signed_refuses_one(market) -> None:
    service = Inspections(market.session("i1"))
    opened = service.open("p-1")
    assert opened.inspection is not None
    iid, answers = opened.inspection.id, _answers(fail="")
    for png, absent, code in (
        (b"", "", "inspection.needs_signature"),
        (PNG, "外出进货", "inspection.signed_and_absent"),
    ):
        with pytest.raises(ValidationError) as refused:
            service.finish(iid, answers=answers, signature_png=png, operator_absent=absent)
        assert refused.value.code == code
    assert service.finish(iid, answers=answers, operator_absent="外出进货") == []
    assert service.get(iid).signature is None
