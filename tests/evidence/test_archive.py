"""archive.iter_members: a zip's files, checked before anything is unpacked."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence import docfactory
from tipmon.evidence.pipeline.archive import Member, iter_members
from tipmon.evidence.pipeline.text import Limits, Rejected

REPORT = b"The Government of Chad prosecuted 12 suspected traffickers."


def members(tmp_path: Path, data: bytes, limits: Limits | None = None) -> list[Member]:
    return list(iter_members(docfactory.write(tmp_path, "upload.zip", data), limits))


def refused(tmp_path: Path, data: bytes, limits: Limits | None = None) -> tuple[Rejected, float]:
    start = time.perf_counter()
    with pytest.raises(Rejected) as caught:
        members(tmp_path, data, limits)
    return caught.value, time.perf_counter() - start


def by_name(found: list[Member]) -> dict[str, Member]:
    return {m.name: m for m in found}


def test_it_yields_each_file_with_its_bytes_and_skips_folders(tmp_path: Path) -> None:
    data = docfactory.zip_of({"reports/": b"", "reports/chad.txt": REPORT, "b.txt": b"two"})
    found = members(tmp_path, data)
    assert [(m.name, m.data, m.rejected, m.depth) for m in found] == [
        ("reports/chad.txt", REPORT, None, 1),
        ("b.txt", b"two", None, 1),
    ]


def test_it_opens_a_zip_inside_the_zip_and_names_its_files_by_path(tmp_path: Path) -> None:
    inner = docfactory.zip_of({"chad.txt": REPORT})
    found = members(tmp_path, docfactory.zip_of({"batch.zip": inner, "a.txt": b"a"}))
    assert [(m.name, m.data, m.depth) for m in found] == [
        ("batch.zip/chad.txt", REPORT, 2),
        ("a.txt", b"a", 1),
    ]


def test_it_skips_a_zip_nested_deeper_than_the_limit(tmp_path: Path) -> None:
    third = docfactory.zip_of({"deep.txt": REPORT})
    second = docfactory.zip_of({"third.zip": third, "ok.txt": b"ok"})
    found = by_name(members(tmp_path, docfactory.zip_of({"second.zip": second})))
    assert found["second.zip/ok.txt"].data == b"ok"
    deep = found["second.zip/third.zip"]
    assert deep.data is None
    assert deep.rejected is not None
    assert deep.rejected.code == "too-deep"


def test_it_keeps_a_docx_inside_a_zip_whole(tmp_path: Path) -> None:
    word = docfactory.docx_file(["Hello."])
    (member,) = members(tmp_path, docfactory.zip_of({"submission.docx": word}))
    assert member.data == word


def test_it_refuses_a_gigabyte_bomb_from_its_directory_without_unpacking(tmp_path: Path) -> None:
    bomb = docfactory.zip_bomb(1024)
    assert len(bomb) < 2 * 1024 * 1024
    rejected, seconds = refused(tmp_path, bomb)
    assert rejected.code == "zip-bomb"
    assert "1,024 MB" in rejected.message
    assert seconds < 1.0  # unpacking a gigabyte would take several


def test_it_refuses_a_nested_bomb_when_it_reaches_the_inner_archive(tmp_path: Path) -> None:
    inner = docfactory.zip_bomb(100)
    outer = docfactory.zip_of(
        {"readme.txt": b"Read me first."} | {f"part{i}.zip": inner for i in range(5)}
    )
    walked: list[Member] = []

    def walk() -> None:
        walked.extend(iter_members(docfactory.write(tmp_path, "outer.zip", outer)))

    with pytest.raises(Rejected) as caught:
        walk()
    assert caught.value.code == "zip-bomb"
    assert [m.name for m in walked] == ["readme.txt"]


def test_it_skips_one_member_that_inflates_like_a_bomb_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    data = docfactory.zip_of(
        {
            "scan.bin": os.urandom(1024 * 1024),
            "padding.txt": bytes(5 * 1024 * 1024),
            "a.txt": REPORT,
        }
    )
    found = by_name(members(tmp_path, data))
    assert found["scan.bin"].rejected is None
    assert found["a.txt"].data == REPORT
    padding = found["padding.txt"]
    assert padding.data is None
    assert padding.rejected is not None
    assert padding.rejected.code == "zip-bomb"


def test_it_refuses_an_archive_with_too_many_files(tmp_path: Path) -> None:
    data = docfactory.zip_of({f"{i}.txt": b"x" for i in range(5)})
    rejected, _ = refused(tmp_path, data, Limits(zip_max_members=3))
    assert rejected.code == "too-many-files"
    assert "more than 3 files" in rejected.message


@pytest.mark.parametrize(
    "name", ["../../etc/cron.d/evil", "/etc/passwd", "C:\\Windows\\evil.txt", "a/../../b.txt"]
)
def test_it_skips_a_member_whose_name_leaves_the_folder(tmp_path: Path, name: str) -> None:
    found = by_name(members(tmp_path, docfactory.zip_of({name: b"evil", "ok.txt": b"ok"})))
    assert found["ok.txt"].data == b"ok"
    assert found[name].data is None
    assert found[name].rejected is not None
    assert found[name].rejected.code == "unsafe-name"


def test_it_skips_a_symbolic_link(tmp_path: Path) -> None:
    found = by_name(members(tmp_path, docfactory.zip_with_symlink("passwd", "/etc/passwd")))
    assert found["ok.txt"].data == b"A plain member."
    link = found["passwd"]
    assert link.rejected is not None
    assert link.rejected.code == "symlink"


def test_it_skips_an_encrypted_member(tmp_path: Path) -> None:
    found = by_name(members(tmp_path, docfactory.zip_with_encrypted_member()))
    assert found["ok.txt"].data == b"A plain member."
    secret = found["secret.txt"]
    assert secret.rejected is not None
    assert secret.rejected.code == "encrypted"
    assert "password" in secret.rejected.message


def test_it_never_takes_more_than_a_member_declares(tmp_path: Path) -> None:
    data = docfactory.lying_zip(bytes(3 * 1024 * 1024), declared=1000)
    (member,) = members(tmp_path, data)
    assert member.data is None
    assert member.rejected is not None
    assert member.rejected.code in {"corrupt", "zip-bomb"}


def test_it_skips_a_member_over_the_file_size_limit(tmp_path: Path) -> None:
    data = docfactory.zip_of({"big.txt": os.urandom(4096), "a.txt": REPORT})
    found = by_name(members(tmp_path, data, Limits(max_bytes=1024)))
    assert found["a.txt"].data == REPORT
    big = found["big.txt"].rejected
    assert big is not None
    assert big.code == "too-large"


def test_it_refuses_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    rejected, _ = refused(tmp_path, b"PK\x03\x04 truncated nonsense")
    assert rejected.code == "corrupt"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=1024), st.integers(min_value=0, max_value=400))
def test_it_raises_only_rejected_on_a_damaged_archive(noise: bytes, cut: int) -> None:
    good = docfactory.zip_of({"a.txt": REPORT, "inner.zip": docfactory.zip_of({"b.txt": b"b"})})
    damaged = good[:cut] + noise + good[cut + len(noise) :]
    with tempfile.TemporaryDirectory() as folder:
        path = docfactory.write(Path(folder), "d.zip", damaged)
        try:
            for member in iter_members(path):
                assert (member.data is None) != (member.rejected is None)
        except Rejected as exc:
            assert exc.code
