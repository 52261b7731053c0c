"""Looking for plaintext personal data in files (issue 16): in every file under some folders
after the fact (``scan``), while something runs (``Sampler``, from a thread of its own), and
in every file the process opens, renames or removes there, read just before it goes (``watch``,
through an audit hook: a temp file that lives a moment is seen too). Compressed files are
looked into as well.

A marker is bytes; ``markers`` gives a text in the encodings a program may write it in."""

from __future__ import annotations

import io
import os
import sys
import threading
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import zstandard

#: How a JPEG begins, and the JFIF and Exif headers Pillow and cameras write after it.
JPEG_MAGIC = b"\xff\xd8\xff"
JPEG_HEADERS = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", b"Exif\x00\x00")


def markers(*texts: str) -> tuple[bytes, ...]:
    """Each text as UTF-8 and as UTF-16 (both byte orders)."""
    return tuple(t.encode(e) for t in texts for e in ("utf-8", "utf-16-le", "utf-16-be"))


#: Set while this module reads a file itself (not an event of the program watched).
_inside = threading.local()


@dataclass(frozen=True, slots=True)
class Leak:
    """A file that held a marker, and when it was seen (the audit event or ``scan``)."""

    path: str
    found: tuple[bytes, ...]
    seen: str


def read(path: object) -> bytes:
    """A file's bytes, or nothing when it is gone, a folder or not a path (the audit hook
    does not count this read as the program's)."""
    outer = getattr(_inside, "busy", False)
    _inside.busy = True
    try:
        with open(path, "rb") as f:  # type: ignore[call-overload]
            return f.read()
    except (OSError, TypeError, ValueError):
        return b""
    finally:
        _inside.busy = outer


def files(root: Path) -> Iterator[Path]:
    """Every file under ``root`` (a folder that goes while it is walked is skipped)."""
    for folder, _, names in os.walk(root):
        for name in names:
            yield Path(folder, name)


def unpacked(data: bytes) -> bytes:
    """What compressed data holds (zstd, gzip, zip; as much as a cut file gives), else b"":
    a compressed copy is no less readable than a plain one."""
    try:
        if data.startswith(b"\x28\xb5\x2f\xfd"):
            return zstandard.ZstdDecompressor().decompressobj().decompress(data)
        if data.startswith(b"\x1f\x8b"):
            return zlib.decompressobj(wbits=31).decompress(data)
        if data.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return b"".join(z.read(n) for n in z.namelist())
    except (zstandard.ZstdError, zlib.error, zipfile.BadZipFile, EOFError, OSError):
        pass
    return b""


def found_in(data: bytes, wanted: Iterable[bytes]) -> tuple[bytes, ...]:
    """The markers ``data`` holds (or its decompressed content), and the JPEG magic when the
    data starts as a JPEG."""
    wanted = tuple(wanted)
    inner = unpacked(data)
    hits = tuple(m for m in wanted if m in data or (inner and m in inner))
    return (*hits, JPEG_MAGIC) if data.startswith(JPEG_MAGIC) else hits


def scan(roots: Iterable[Path], wanted: Iterable[bytes], seen: str = "scan") -> list[Leak]:
    """Every file under ``roots`` that holds a marker or is a JPEG."""
    wanted = tuple(wanted)
    leaks = []
    for root in roots:
        for path in sorted(files(root)):
            hits = found_in(read(path), wanted)
            if hits:
                leaks.append(Leak(str(path), hits, seen))
    return leaks


@dataclass
class _Watch:
    roots: tuple[str, ...]
    wanted: tuple[bytes, ...]
    leaks: list[Leak] = field(default_factory=list)
    events: int = 0


_watches: list[_Watch] = []
#: Events that name a file about to change or go, and the argument naming it.
_EVENTS = ("open", "os.rename", "os.remove", "shutil.rmtree")


def _hook(event: str, args: tuple) -> None:
    if not _watches or event not in _EVENTS or getattr(_inside, "busy", False):
        return
    path = args[0] if args else None
    if not isinstance(path, str | bytes | Path):
        return
    name = path.decode(errors="replace") if isinstance(path, bytes) else str(path)
    for w in list(_watches):
        if not name.startswith(w.roots):
            continue
        _inside.busy = True  # reading opens the file: not an event to look at
        try:
            w.events += 1  # one of the program's own
            if event == "shutil.rmtree":
                w.leaks += scan([Path(name)], w.wanted, event)
            else:
                hits = found_in(read(name), w.wanted)
                if hits:
                    w.leaks.append(Leak(name, hits, event))
        finally:
            _inside.busy = False


sys.addaudithook(_hook)  # cannot be removed: it does nothing while nothing is watched


@contextmanager
def watch(roots: Iterable[Path], wanted: Iterable[bytes]) -> Iterator[_Watch]:
    """Read every file opened, renamed or removed under ``roots`` while the block runs;
    ``leaks`` of the yielded watch lists those that held a marker, ``events`` how many were
    looked at."""
    w = _Watch(tuple(str(r) for r in roots), tuple(wanted))
    _watches.append(w)
    try:
        yield w
    finally:
        _watches.remove(w)


class Sampler:
    """Scans folders over and over from a thread of its own while a block runs (files that
    only sit there for a while, written by code the audit hook does not see, such as C)."""

    def __init__(self, roots: Iterable[Path], wanted: Iterable[bytes], every_s: float = 0.05):
        self.roots = tuple(roots)
        self.wanted = tuple(wanted)
        self.every_s = every_s
        self.leaks: list[Leak] = []
        #: Full passes made, and files read (a file is read again only once it has changed).
        self.passes = 0
        self.reads = 0
        self._stop = threading.Event()
        self._known: dict[Path, tuple[int, int]] = {}
        self._thread = threading.Thread(target=self._run, name="plaintext-sampler", daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        """One pass over every file that changed since the last."""
        for root in self.roots:
            for path in files(root):
                try:
                    st = path.stat()
                except OSError:
                    continue  # gone between the listing and now
                if self._known.get(path) == (st.st_mtime_ns, st.st_size):
                    continue
                self._known[path] = (st.st_mtime_ns, st.st_size)
                self.reads += 1
                hits = found_in(read(path), self.wanted)
                if hits:
                    self.leaks.append(Leak(str(path), hits, "sampled"))
        self.passes += 1

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.every_s):
                self.sample()  # once more at the end
                return
