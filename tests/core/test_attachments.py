"""Attachments are stored once, checked before they are written, and named by visits; a photo
a form let go of is deleted unless a record, a draft or an upload still needs it."""

from __future__ import annotations

import pytest

from gridterm.errors import ValidationError
from gridterm.services.attachments import Attachments, add_attachment
from gridterm.services.visits import Visits
from gridterm.store.drafts import Drafts
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


def test_a_photo_let_go_of_is_deleted_unless_something_names_it(territory) -> None:
    session = territory.session()
    attachments, blobs = Attachments(session), territory.store.blobs
    removed = attachments.add(JPEG, "image/jpeg").sha256
    saved = attachments.add(JPEG + b"saved", "image/jpeg").sha256
    drafted = attachments.add(JPEG + b"drafted", "image/jpeg").sha256
    queued = attachments.add(JPEG + b"queued", "image/jpeg").sha256
    Visits(session).record(
        household_id=territory.household(),
        visited_at=NOW,
        visit_type="safety_check",
        outcome="nothing_raised",
        photos=[saved],
    )
    # a visit form's draft after a crash: the photo must be there when it is restored
    Drafts(territory.store, "someone else").save("visit:x", "visit", {"photos": [drafted]})
    territory.store.write(
        lambda tx: tx.execute(
            "INSERT INTO photo_upload (sha256, size, state, prepared_at) VALUES (?, 1, ?, ?)",
            (queued, "pending", "2026-12-01T00:00:00Z"),
        )
    )
    never_ours = blobs.put(b"downloaded from the server")

    assert attachments.release([removed, saved, drafted, queued, never_ours]) == [removed]
    assert not blobs.path_of(removed).exists()
    assert territory.store.query("SELECT 1 FROM attachment WHERE sha256 = ?", (removed,)) == []
    assert all(blobs.has(d) for d in (saved, drafted, queued, never_ours))
    assert attachments.release([removed]) == []  # once is enough
