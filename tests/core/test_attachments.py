"""Attachments are stored once, checked before they are written, and named by visits."""

from __future__ import annotations

import pytest

from gridterm.errors import ValidationError
from gridterm.services.attachments import add_attachment
from gridterm.services.visits import Visits
from tests.conftest import NOW

JPEG = b"\xff\xd8\xff\xe0" + b"photo" * 100


def test_the_same_photo_is_stored_once(territory) -> None:
    session = territory.session()
    a = add_attachment(session, JPEG, "image/jpeg")
    b = add_attachment(session, JPEG, "image/jpeg")
    assert a.sha256 == b.sha256 and a.size == len(JPEG)
    assert territory.store.query("SELECT count(*) n FROM attachment")[0]["n"] == 1
    assert territory.store.blobs.get(a.sha256) == JPEG


@pytest.mark.parametrize(
    ("data", "mime", "code"),
    [
        (JPEG, "video/mp4", "attachment.bad_type"),
        (b"", "image/jpeg", "attachment.bad_size"),
    ],
)
def test_bad_attachments_are_refused_before_the_disk(territory, data, mime, code) -> None:
    with pytest.raises(ValidationError) as err:
        add_attachment(territory.session(), data, mime)
    assert err.value.code == code
    assert not territory.store.blobs.root.exists()


def test_a_visit_names_its_photos_by_hash(territory) -> None:
    session = territory.session()
    photo = add_attachment(session, JPEG, "image/jpeg")
    visit = Visits(session).record(
        household_id=territory.household(),
        visited_at=NOW,
        visit_type="safety_check",
        outcome="nothing_raised",
        photos=[photo.sha256],
    )
    assert visit.photos == (photo.sha256,)
