"""An export cut into files of whole lines while it arrives: however the bytes come, the
files hold every line once, in order, at most `rows` each, and none is cut in two."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tracebridge.syncing.chunks import ChunkWriter


@settings(max_examples=80, deadline=None)
@given(
    lines=st.lists(st.text(alphabet='ab{}:"é', max_size=12), max_size=40),
    rows=st.integers(1, 7),
    cuts=st.lists(st.integers(0, 400), max_size=12),
    last_newline=st.booleans(),
)
def test_the_files_hold_every_line_once_in_order(
    tmp_path_factory: object, lines: list[str], rows: int, cuts: list[int], last_newline: bool
) -> None:
    folder = Path(tmp_path_factory.mktemp("chunks"))  # type: ignore[attr-defined]
    body = "".join(f"{line}\n" for line in lines).encode()
    if body and not last_newline:
        body = body[:-1]  # a body whose last line has no line end
    handed: list[tuple[str, int]] = []
    writer = ChunkWriter(str(folder), rows, handed.append)
    start = 0
    for cut in sorted(set(cuts)):
        writer.write(body[start:cut])
        start = max(start, min(cut, len(body)))
    writer.write(body[start:])
    writer.finish()
    contents = [Path(path).read_bytes() for path, _ in handed]
    assert b"".join(contents) == body
    for (path, count), content in zip(handed, contents, strict=True):
        assert 0 < count <= rows
        assert count == len(content.splitlines())
        assert content.endswith(b"\n") or path == handed[-1][0]
