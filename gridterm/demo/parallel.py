"""Drawing a large demo in a child process while this process writes it into the store.

Generation is pure Python and writing is mostly SQLCipher; in one process they would share
the GIL (and measured slower overlapped than in turns), in two they use both cores. The child
is ``python -m gridterm.demo.parallel`` and streams pickled messages on its stdout:
``("rows", batch)``, ``("blob", bytes)``, ``("unsent", records)``, ``("progress", text)``,
then ``("done", counts)``. Its stderr is ours, so its errors show.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from gridterm.demo.builder import DemoBuilder, Output, Progress
from gridterm.demo.bulk import Batch


def build_in_child(
    seed: int, today: date, households: int, output: Output, progress: Progress | None
) -> dict[str, int]:
    """Run the builder in a child process and pass what it draws to ``output``."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "gridterm.demo.parallel", str(seed), today.isoformat()]
    command.append(str(households))
    with subprocess.Popen(command, stdout=subprocess.PIPE, env=env) as child:
        assert child.stdout is not None
        try:
            while True:
                try:
                    kind, payload = pickle.load(child.stdout)
                except EOFError:
                    code = child.wait()
                    raise RuntimeError(
                        f"the demo child process stopped early (exit code {code})"
                    ) from None
                if kind == "rows":
                    output.rows(payload)
                elif kind == "blob":
                    output.blob(payload)
                elif kind == "unsent":
                    output.unsent(payload)
                elif kind == "progress" and progress is not None:
                    progress(payload)
                elif kind == "done":
                    return payload
        finally:
            if child.poll() is None:
                child.kill()


class _PipeOutput:
    """The child's end: every output call becomes one pickled message."""

    def __init__(self, stream: IO[bytes]):
        self._stream = stream

    def send(self, kind: str, payload: Any) -> None:
        """Write one message; blocks while the parent is busy writing the previous one."""
        pickle.dump((kind, payload), self._stream, protocol=pickle.HIGHEST_PROTOCOL)

    def rows(self, batch: Batch) -> None:
        self.send("rows", batch)

    def blob(self, data: bytes) -> None:
        self.send("blob", data)

    def unsent(self, records: list[tuple[str, Mapping[str, Any]]]) -> None:
        self.send("unsent", records)


def main(argv: Sequence[str] | None = None) -> int:
    """The child: ``python -m gridterm.demo.parallel SEED TODAY HOUSEHOLDS``."""
    seed, today, households = argv if argv is not None else sys.argv[1:]
    stream = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the message stream
    output = _PipeOutput(stream)
    builder = DemoBuilder(
        int(seed),
        date.fromisoformat(today),
        int(households),
        lambda text: output.send("progress", text),
    )
    counts = builder.run(output)
    output.send("done", counts)
    stream.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
