"""Inputs named by URL (``seminorm.remote``), on fsspec's in-memory file system."""

from __future__ import annotations

import pytest

fsspec = pytest.importorskip("fsspec")

from fsspec.implementations.memory import MemoryFileSystem  # noqa: E402

from seminorm import remote  # noqa: E402


class CachingFileSystem(MemoryFileSystem):
    """A store that keeps every listing it gives, as s3fs and gcsfs do (``dircache``)."""

    protocol = "cachingtest"
    root_marker = "/"
    store: dict = {}  # noqa: RUF012  (MemoryFileSystem's own are class attributes too)
    pseudo_dirs: list = [""]  # noqa: RUF012

    @classmethod
    def _strip_protocol(cls, path):
        return super()._strip_protocol(path.removeprefix("cachingtest://"))

    def invalidate_cache(self, path=None):
        if path is None:
            self.dircache.clear()
        else:
            self.dircache.pop(self._strip_protocol(path).rstrip("/"), None)
        super().invalidate_cache(path)

    def ls(self, path, detail=True, **kwargs):
        listing = super().ls(path, detail=True, **kwargs)
        self.dircache[self._strip_protocol(path).rstrip("/")] = listing
        return listing if detail else [e["name"] for e in listing]


@pytest.fixture
def store():
    fsspec.register_implementation("cachingtest", CachingFileSystem, clobber=True)
    fs = fsspec.filesystem("cachingtest")
    for name in ("b/z.txt", "b/a.txt", "a.txt", "c/d/e.txt", ".hidden/x.txt", "c/.x.txt"):
        fs.pipe_file(f"/talks/{name}", b"text of " + name.encode())
    yield fs
    fs.rm("/talks", recursive=True)
    fs.dircache.clear()


def test_a_url_folder_is_walked_in_order_without_hidden_names(store):
    got = list(remote.walk("cachingtest:///talks"))
    assert [rel for _, rel, _ in got] == ["a.txt", "b/a.txt", "b/z.txt", "c/d/e.txt"]
    assert got[0][0] == "cachingtest:///talks/a.txt"
    assert got[1][2].startswith(f"{len(b'text of b/a.txt')}:")  # the size, the time written


def test_the_listings_are_not_kept_by_the_file_system(store):
    """s3fs and gcsfs keep every folder they list for the life of the file system:
    a walk of a million objects would keep them all. The walk lets go of each."""
    walked = remote.walk("cachingtest:///talks")
    next(walked)
    assert len(store.dircache) <= 1  # the folder being listed, at most
    rest = list(walked)
    assert len(rest) == 3
    assert not list(store.dircache)
