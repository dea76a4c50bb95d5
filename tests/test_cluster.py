"""``convert --engine dask``: the same conversion on a Dask cluster (127.0.0.1 only).

The cluster tests start real LocalClusters (a few seconds each): they carry
the ``slow`` and ``cluster`` markers. The missing-extra test runs everywhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from seminorm.cli import cli

from .helpers import interruptible

ANNOUNCEMENT = """Seminar in applied mathematics
Speaker: Dr. Ada Person{i} (University of Place{k})
Title: On problem number {i}
Date: Tuesday, May {day}, 2021, 16:00-17:00 CEST
Room: Building {k}, room {i}
"""


def make_tree(root: Path, n: int) -> None:
    for i in range(n):
        folder = root / f"group{i % 3}" / ("deep" if i % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"talk{i:03}.txt").write_text(ANNOUNCEMENT.format(i=i, k=i % 7, day=1 + i % 27))
    (root / "group0" / "copy.txt").write_text(ANNOUNCEMENT.format(i=0, k=0, day=1))  # a duplicate
    (root / "empty.txt").write_text("")


def run(*args: str):
    return CliRunner().invoke(cli, ["convert", *args], catch_exceptions=False)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_without_the_extra_dask_is_one_line_naming_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("x")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = run("a.txt", "-o", "out", "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr == (
        "seminorm: error: the Dask engine and URLs need the 'dask' extra: "
        "pip install 'seminorm[dask]'\n"
    )
    assert run("a.txt", "-o", "out", "--scheduler", "tcp://127.0.0.1:1").exit_code == 2


distributed = pytest.importorskip("distributed")


def seminorm(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a process of its own: a LocalCluster of processes starts a
    resource tracker that outlives it, which must not stay a child of the test run."""
    exe = Path(sys.executable).with_name("seminorm")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
@pytest.mark.cluster
def test_a_local_cluster_converts_the_tree_as_local_workers_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path / "src", 30)
    common = ["convert", "src", "-f", "json", "--merge", "all.json"]
    local = seminorm(*common, "-o", "local", "-j", "2", "--report", "local.jsonl")
    os.rename("all.json", "local-all.json")
    dask = seminorm(*common, "-o", "dask", "--engine", "dask", "-j", "2", "--report", "dask.jsonl")
    assert (dask.returncode, dask.stderr) == (local.returncode, local.stderr)
    assert local.returncode == 1  # the empty file
    assert "duplicates dropped" in local.stderr
    assert files(tmp_path / "dask") == files(tmp_path / "local")
    assert len(files(tmp_path / "dask")) == 31
    assert Path("dask.jsonl").read_text() == Path("local.jsonl").read_text()
    assert Path("all.json").read_bytes() == Path("local-all.json").read_bytes()
    # incremental (a run without --merge records the state): the next one skips what is done
    once = seminorm("convert", "src", "-f", "json", "-o", "dask", "--engine", "dask", "-j", "2")
    again = seminorm("convert", "src", "-f", "json", "-o", "dask", "--engine", "dask", "-j", "2")
    assert once.returncode == again.returncode == 1
    assert again.stderr.splitlines()[-1].endswith("1 failed, 31 skipped (up to date)")


@pytest.fixture
def threads_cluster():
    """A cluster in this process (threads): memory:// is the same store for all."""
    from distributed import LocalCluster

    with LocalCluster(  # in-process transport: no port at all
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster


@pytest.mark.slow
@pytest.mark.cluster
def test_memory_urls_in_and_out(tmp_path, monkeypatch, threads_cluster):
    import fsspec

    monkeypatch.chdir(tmp_path)
    fs = fsspec.filesystem("memory")
    for i in range(5):
        fs.pipe_file(f"/talks/{i % 2}/t{i}.txt", ANNOUNCEMENT.format(i=i, k=i, day=i + 1).encode())
    fs.pipe_file("/talks/.hidden.txt", b"x")
    address = threads_cluster.scheduler_address
    result = run("memory://talks", "-o", "memory://cal", "-f", "json", "--engine", "dask",
                 "--scheduler", address, "--report", "r.jsonl")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted(fs.find("/cal")) == [
        "/cal/.seminorm-state.sqlite",  # the incremental state, in the output folder
        "/cal/0/t0.json", "/cal/0/t2.json", "/cal/0/t4.json", "/cal/1/t1.json", "/cal/1/t3.json",
    ]  # fmt: skip
    [event] = json.loads(fs.cat_file("/cal/1/t3.json"))
    assert event["title"] == "On problem number 3"
    rows = [json.loads(line) for line in Path("r.jsonl").read_text().splitlines()]
    assert [r["path"] for r in rows] == [
        f"memory://talks/{i % 2}/t{i}.txt" for i in (0, 2, 4, 1, 3)
    ]
    # URL inputs are remembered like files: unchanged objects are skipped, a rewritten one is not
    fs.pipe_file("/talks/0/t2.txt", ANNOUNCEMENT.format(i=22, k=2, day=3).encode())
    again = run("memory://talks", "-o", "memory://cal", "-f", "json", "--engine", "dask",
                "--scheduler", address, "--report", "r.jsonl")  # fmt: skip
    assert again.exit_code == 0, again.stderr
    rows = [json.loads(line) for line in Path("r.jsonl").read_text().splitlines()]
    assert [r["status"] for r in rows] == ["skipped", "ok", "skipped", "skipped", "skipped"]
    assert json.loads(fs.cat_file("/cal/0/t2.json"))[0]["title"] == "On problem number 22"
    # the library: a bag of paths in, a bag of report rows out
    import dask.bag as db
    from distributed import Client

    from seminorm.cluster import convert_bag

    with Client(address):
        bag = db.from_sequence(["memory://talks/0/t0.json", "memory://talks/1/t1.txt"])
        rows = convert_bag(bag, "memory://lib", "ics").compute()
    assert [r["status"] for r in rows] == ["failed", "ok"]
    assert fs.exists("/lib/t1.ics")
    fs.rm("/", recursive=True)


KILLED_MID_RUN = """
import json, os, signal, sys, threading, time
from pathlib import Path
from click.testing import CliRunner
from distributed import Client, LocalCluster
from seminorm.cli import cli

with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                  dashboard_address=None) as cluster, Client(cluster) as client:
    pids = list(client.run(os.getpid).values())
    killed = []

    def kill_when_started():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done = len(list(Path("out").rglob("*.ics")))
            if done >= 10:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(done)
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_when_started)
    killer.start()
    args = ["convert", "src", "-o", "out", "--engine", "dask", "--scheduler",
            cluster.scheduler_address, "--report", "r.jsonl"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    killer.join()
print(json.dumps({"code": result.exit_code, "stderr": result.stderr, "killed": killed}))
"""


@pytest.mark.slow
@pytest.mark.cluster
def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(tmp_path):
    make_tree(tmp_path / "src", 240)
    proc = subprocess.run([sys.executable, "-c", KILLED_MID_RUN], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.splitlines()[-1])
    assert got["killed"], "the worker was not killed"
    assert got["killed"][0] < 200, got["killed"]  # mid-run
    assert got["code"] == 1, got["stderr"]  # the empty file only
    summary = got["stderr"].splitlines()[-1]
    assert summary.startswith("242 files, 241 events, ")
    assert summary.endswith(" warnings, 1 failed")
    rows = [json.loads(line)["path"] for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert len(rows) == len(set(rows)) == 242
    outputs = list((tmp_path / "out").rglob("*.ics"))
    assert len(outputs) == 241
    # whole files only under the real names (a killed worker may leave a hidden temp file)
    assert all(p.read_bytes().endswith(b"END:VCALENDAR\r\n") for p in outputs)


LIMITS = """
import json, os, signal, sys
from pathlib import Path
from click.testing import CliRunner
from distributed import Client, LocalCluster
from seminorm.cli import cli


def patch():
    # Inputs that never end (SPIN) or crash their process (CRASH); the rest as always.
    import seminorm.pipeline as pipeline

    real = pipeline.parse_bytes

    def parse_bytes(data, ctx):
        if data.startswith(b"SPIN"):
            while True:
                pass
        if data.startswith(b"CRASH"):
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(data, ctx)

    pipeline.parse_bytes = parse_bytes
    return os.getpid()


patch()  # the local engine's forked workers inherit it
limits = ["--time-limit", "1", "--report"]
local = CliRunner().invoke(cli, ["convert", "src", "-o", "local", "-j", "2", *limits, "local.jsonl"])
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                  dashboard_address=None) as cluster, Client(cluster) as client:
    before = sorted(client.run(patch).values())  # each worker's own parse_bytes
    args = ["convert", "src", "-o", "dask", "--engine", "dask", "--scheduler",
            cluster.scheduler_address, *limits, "dask.jsonl"]
    dask = CliRunner().invoke(cli, args, catch_exceptions=False)
    after = sorted(client.run(os.getpid).values())
print(json.dumps({"local": [local.exit_code, local.stderr], "dask": [dask.exit_code, dask.stderr],
                  "same_workers": before == after}))
"""


@pytest.mark.slow
@pytest.mark.cluster
def test_a_file_over_the_time_limit_or_crashing_fails_alone_as_locally(tmp_path):
    """The limits and crashes of a file are its chunk's child's, not the worker's: the
    report, stderr and exit status are the local engine's, and no worker dies."""
    make_tree(tmp_path / "src", 40)
    (tmp_path / "src" / "group1" / "spin.txt").write_text("SPIN")
    (tmp_path / "src" / "group2" / "deep").mkdir(parents=True, exist_ok=True)
    (tmp_path / "src" / "group2" / "deep" / "crash.txt").write_text("CRASH")
    proc = subprocess.run([sys.executable, "-c", LIMITS], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.splitlines()[-1])
    assert got["dask"] == got["local"]
    code, stderr = got["local"]
    assert code == 1
    assert "src/group1/spin.txt: error: over the time limit of 1 s\n" in stderr
    assert (
        "src/group2/deep/crash.txt: error: internal error: "
        "the worker process was killed by SIGSEGV\n" in stderr
    )
    assert stderr.splitlines()[-1].startswith("44 files, 41 events, ")
    assert stderr.splitlines()[-1].endswith(" 3 failed")  # and the empty file
    assert got["same_workers"]  # no worker was lost
    assert (tmp_path / "dask.jsonl").read_text() == (tmp_path / "local.jsonl").read_text()
    outputs = {name: data for name, data in files(tmp_path / "dask").items() if ".ics" in name}
    assert outputs == {n: d for n, d in files(tmp_path / "local").items() if ".ics" in n}
    assert len(outputs) == 41


@pytest.mark.slow
@pytest.mark.cluster
def test_ctrl_c_cancels_the_futures_and_exits_130_with_whole_files_only(tmp_path):
    import signal
    import time

    make_tree(tmp_path / "src", 3000)
    exe = Path(sys.executable).with_name("seminorm")
    argv = [str(exe), "convert", "src", "-o", "out", "--engine", "dask", "-j", "2", "-q",
            "--report", "r.jsonl"]  # fmt: skip
    proc = subprocess.Popen(
        argv, cwd=tmp_path, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((tmp_path / "out").rglob("*.ics"))) < 20:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert stderr.splitlines()[-1].startswith("interrupted: "), stderr
    rows = (tmp_path / "r.jsonl").read_text().splitlines()
    assert 0 < len(rows) < 3002
    outputs = list((tmp_path / "out").rglob("*.ics"))
    assert all(p.read_bytes().endswith(b"END:VCALENDAR\r\n") for p in outputs)


@pytest.mark.slow
@pytest.mark.cluster
def test_an_unreachable_scheduler_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(ANNOUNCEMENT.format(i=1, k=1, day=1))
    result = subprocess.run(
        [str(Path(sys.executable).with_name("seminorm")), "convert", "a.txt", "-o", "out",
         "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("seminorm: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


@pytest.mark.slow
@pytest.mark.cluster
def test_the_client_keeps_nothing_per_task(threads_cluster):
    """No future, reference count or logged message of a chunk outlives its result
    (distributed's message log kept the last 1,000 batches: the pickled chunks)."""
    import time

    from distributed import default_client

    from seminorm.cluster import connect
    from seminorm.context import Context
    from seminorm.pool import Job, Settings

    parts = [[Job(f"/nonexistent/talk{i}.txt", None)] for i in range(40)]
    done: dict[int, list] = {}
    with connect(threads_cluster.scheduler_address, 2) as (run, threads):
        client = default_client()
        assert (
            run(parts, Settings(Context(), "ics"), threads, done.__setitem__, lambda: False) == {}
        )
        deadline = time.monotonic() + 10  # a release reaches the client's loop soon after
        while (client.futures or client.refcount) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not client.futures
        assert not client.refcount
        assert not client.scheduler_comm.recent_message_log
    assert sorted(done) == list(range(40))
    assert all(r.status == "failed" for [r] in done.values())
