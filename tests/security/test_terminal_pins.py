"""Wrong PINs on the terminal itself (issue 16): a wait that doubles after a few slips, a
warning of how many are left, the keys erased at the street office's limit unless unsynced
work holds the wipe for a supervisor, and a revoked device erased."""

from __future__ import annotations

import pytest

from gridterm.domain import office_settings
from gridterm.errors import PermissionDeniedError, ValidationError, WrongPinError
from gridterm.services import unlock
from gridterm.services.unlock import KeysErasedError, PinWaitError, WipeHeldError
from gridterm.store import Store, pin_guard
from gridterm.store.keys import FAST_KDF, keyfile_path
from tests.conftest import PIN, Territory

WRONG = "999999"


@pytest.fixture
def shut(territory: Territory):
    """The territory's database closed, with supervisor ``s1`` and worker ``w2`` also able
    to unlock it, and the work on it noted (``pending``) as a lock would."""

    def make(pending: int | None = 0, wipe_after: int | None = None):
        store = territory.store
        store.add_local_user("s1", "135790", FAST_KDF)
        store.add_local_user("w2", "112233", FAST_KDF)
        unlock.remember(store)
        guard = pin_guard.PinGuard.load(store.path)
        guard.set_pending(pending)
        if wipe_after is not None:
            guard.set_wipe_after(wipe_after)
        guard.save()
        store.close()
        return store.path

    return make


def _wrong(path, worker="w1", times=1):
    errors = []
    for _ in range(times):
        with pytest.raises(WrongPinError) as caught:
            unlock.check(path, worker, WRONG)
        errors.append(caught.value)
    return errors


def test_the_wait_doubles_after_three_free_slips_up_to_an_hour():
    assert [pin_guard.wait_after(n) for n in range(1, 8)] == [0, 0, 0, 30, 60, 120, 240]
    assert pin_guard.wait_after(30) == pin_guard.MAX_WAIT_S


def test_each_wrong_pin_says_how_many_are_left_and_how_long_to_wait(shut, clock):
    path = shut()
    errors = _wrong(path, times=3)
    assert [e.params["remaining"] for e in errors] == [9, 8, 7]
    assert [e.params["wait_s"] for e in errors] == [0, 0, 0]
    (fourth,) = _wrong(path)
    assert fourth.params == {"remaining": 6, "wait_s": 30, "limit": 10}
    # too soon: refused before the PIN is even checked (the right PIN too), nothing counted
    with pytest.raises(PinWaitError) as early:
        unlock.check(path, "w1", PIN)
    assert early.value.params["wait_s"] == 30 and early.value.params["remaining"] == 6
    clock.t += 31
    assert len(unlock.check(path, "w1", PIN)) == 32  # the right PIN: the database key
    assert _wrong(path)[0].params["remaining"] == 9  # and the count starts afresh


def test_made_up_worker_ids_share_one_count_and_a_colleague_cannot_reset_anothers(shut, clock):
    path = shut()
    _wrong(path, "nobody1", times=2)
    (third,) = _wrong(path, "nobody2")
    assert third.params["remaining"] == 7  # every unknown id counts together
    _wrong(path, "w1", times=4)
    unlock.check(path, "w2", "112233")  # w2 logs in: w1's count stays
    clock.t += 31
    assert _wrong(path, "w1")[0].params["remaining"] == 5


def test_the_limit_erases_the_keys_when_nothing_waits_for_the_server(shut, clock):
    path = shut(pending=0, wipe_after=5)
    for _ in range(4):
        _wrong(path)
        clock.t += 3600
    with pytest.raises(KeysErasedError) as erased:
        unlock.check(path, "w1", WRONG)
    assert erased.value.code == "store.keys_erased"
    assert not keyfile_path(path).exists() and not path.exists()
    assert list(path.parent.glob(path.name + "*")) == []


@pytest.mark.parametrize("pending", [3, None])
def test_unsynced_work_holds_the_wipe_and_says_so(shut, clock, pending):
    path = shut(pending=pending, wipe_after=5)
    for _ in range(4):
        _wrong(path)
        clock.t += 3600
    with pytest.raises(WipeHeldError) as held:
        unlock.check(path, "w1", WRONG)
    assert held.value.params["pending"] == pending and held.value.params["remaining"] == 0
    assert keyfile_path(path).exists()
    # tries still wait, and the worker who remembers their PIN gets their work back
    with pytest.raises(PinWaitError):
        unlock.check(path, "w1", PIN)
    clock.t += pin_guard.MAX_WAIT_S
    unlock.check(path, "w1", PIN)


def test_only_a_supervisors_own_pin_confirms_the_wipe(shut, clock):
    path = shut(pending=3, wipe_after=5)
    with pytest.raises(PermissionDeniedError) as denied:
        unlock.confirm_wipe(path, "w2", "112233")  # a grid worker may not
    assert denied.value.code == "unlock.not_supervisor" and keyfile_path(path).exists()
    with pytest.raises(WrongPinError):
        unlock.confirm_wipe(path, "s1", WRONG)
    assert keyfile_path(path).exists()
    unlock.confirm_wipe(path, "s1", "135790")
    assert not keyfile_path(path).exists() and not path.exists()


def test_an_office_that_never_wipes_still_makes_guessers_wait(shut, clock):
    path = shut(pending=0, wipe_after=0)
    for _ in range(12):
        (e,) = _wrong(path)
        assert e.params["remaining"] is None
        clock.t += 3600
    assert keyfile_path(path).exists()


def test_the_offices_limit_is_kept_beside_the_key_file_at_each_lock(tmp_path, clock):
    store = Store.create(tmp_path / "t.db", "w1", PIN, FAST_KDF)
    document = {"pin_lock": {"wipe_after": 20}}
    store.write(
        lambda tx: tx.execute(
            "INSERT INTO office_settings (street_office_id, revision, document, published_at)"
            " VALUES ('so', 3, ?, 0)",
            (__import__("json").dumps(document),),
        )
    )
    store.write(lambda tx: tx.insert("street_office", {"id": "so2", "name": "x"}))  # unsynced
    unlock.remember(store)
    guard = pin_guard.PinGuard.load(store.path)
    assert (guard.wipe_after, guard.pending) == (20, 1)
    store.close()


@pytest.mark.parametrize("value", [3, 101, -1, True, "10"])
def test_a_limit_that_would_erase_over_a_slip_is_refused(value):
    with pytest.raises(ValidationError):
        office_settings.parse({"pin_lock": {"wipe_after": value}})
    assert office_settings.parse({"pin_lock": {"wipe_after": 0}}).pin_wipe_after == 0
    assert office_settings.built_in().pin_wipe_after == 10


def test_a_revoked_terminal_opens_no_more(shut, clock):
    path = shut()
    unlock.note_revoked(path)
    assert unlock.is_revoked(path)
    with pytest.raises(KeysErasedError) as caught:
        unlock.check(path, "w1", PIN)
    assert caught.value.code == "store.device_revoked"
    unlock.erase_revoked(path)
    assert not keyfile_path(path).exists() and not unlock.is_revoked(path)
