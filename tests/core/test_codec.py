"""Each catalog record's row codec: derived from its dataclass, true to its table."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from gridterm.domain.hazards import Hazard, HazardAction, HazardStatus, HazardStep
from gridterm.domain.inspections import HazardInspection, Severity
from gridterm.domain.residents import Gender, Resident
from gridterm.domain.rounds import CheckIn, CheckKind, Location
from gridterm.domain.territory import Household, KeyReason, Premises
from gridterm.domain.visits import Concern, ConcernKind, Visit, VisitOutcome, VisitType
from gridterm.store import Store, entities
from gridterm.store.codec import Codec
from gridterm.store.tx import encode

AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
RECORDS = [e for e in entities.CATALOG if e.record is not None]


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory):
    store = Store.open_plaintext(tmp_path_factory.mktemp("codec") / "terminal.db")
    yield store
    store.close()


@pytest.mark.parametrize("entity", RECORDS, ids=lambda e: e.name)
def test_every_column_a_codec_writes_is_a_column_of_its_table(terminal, entity) -> None:
    """A field added to a dataclass without a column (or a ``Stored.NOT``) fails here."""
    table = {c["name"] for c in terminal.query(f"PRAGMA table_info({entity.name})")}
    names = entities.codec(entity.record).names
    assert names and set(names) <= table, set(names) - table


def _stored(record: object) -> dict[str, object]:
    """A record's row as SQLite gives it back (JSON as text, times as ISO text)."""
    return {k: encode(v) for k, v in entities.codec(type(record)).row(record).items()}


SAMPLES = [
    Household(
        "h1", "g1", "b1", "u1", 5, "501", "3-2-501",
        key_reasons=frozenset({KeyReason.ELDERLY_ALONE, KeyReason.EMPTY_NEST}),
        party_member=True, version=3,
    ),
    Resident("r1", "h1", "张三", Gender.MALE, birth_date=date(1950, 2, 1)),
    Resident("r2", "h1", "李四", Gender.FEMALE),
    Visit(
        "v1", "h1", "user-w1", AT, VisitType.ROUTINE, ("张三",),
        (Concern(ConcernKind.NEED, "楼道灯坏了", "物业"), Concern(ConcernKind.COMPLAINT, "噪音")),
        "", VisitOutcome.SETTLED, photos=("a" * 64,),
    ),
    CheckIn("c1", "user-w1", CheckKind.IN, AT, Location(30.5, 114.3, 8.0)),
    CheckIn("c2", "user-w1", CheckKind.OUT, AT),
    HazardInspection("i1", "p1", "m1", "user-i1", "fire", 2, AT, signature="b" * 64),
    Hazard(
        "z1", "i1", "p1", "m1", "exit", Severity.CRITICAL, date(2026, 11, 27), "王五", "堵塞",
        HazardStatus.OPEN, AT, photos=("a" * 64, "c" * 64),
    ),
    HazardStep("s1", "z1", HazardAction.FOUND, None, HazardStatus.OPEN, "user-i1", AT),
    Premises("p1", "m1", "五金店", operator="王五", row="B", version=2),
]  # fmt: skip


@pytest.mark.parametrize("record", SAMPLES, ids=lambda r: type(r).__name__)
def test_a_record_reads_back_as_it_was_written(record) -> None:
    assert entities.codec(type(record)).read(_stored(record)) == record


def test_json_columns_are_read_as_text_on_the_terminal_and_lists_on_the_server() -> None:
    step = HazardStep("s1", "z1", HazardAction.RECTIFY, None, None, "u", AT, photos=("a" * 64,))
    row = entities.codec(HazardStep).row(step)
    assert row["photos"] == ["a" * 64]  # the store writes it as JSON text
    assert entities.codec(HazardStep).read(row) == step
    assert entities.codec(HazardStep).read(_stored(step)) == step


def test_empty_text_is_none_for_an_optional_enum_or_day_but_stays_text_for_text() -> None:
    row = _stored(HazardStep("s1", "z1", HazardAction.FOUND, None, None, "u", AT))
    read = entities.codec(HazardStep).read({**row, "from_status": "", "ticket_id": ""})
    assert read.from_status is None and read.ticket_id == ""
    resident = entities.codec(Resident).read({**_stored(SAMPLES[2]), "birth_date": ""})
    assert resident.birth_date is None


def test_a_column_an_older_schema_lacks_takes_the_field_default() -> None:
    row = _stored(SAMPLES[6])
    del row["operator_absent"]
    assert entities.codec(HazardInspection).read(row).operator_absent == ""
    with pytest.raises(KeyError):
        entities.codec(HazardInspection).read({k: v for k, v in row.items() if k != "id"})


def test_a_field_whose_type_says_nothing_must_be_declared() -> None:
    with pytest.raises(TypeError, match="declare"):
        Codec(Premises)  # ``extra`` is a dict: the catalog says it is not stored
