"""``seminorm publish`` against a real CalDAV server: Radicale on 127.0.0.1.

The server runs in a process of its own with a temporary storage folder and
a plain htpasswd file; it is started once for this module, waited for at
most :data:`START_TIMEOUT` seconds, and always stopped. Each test publishes
into a collection of its own, then reads it back through CalDAV.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from seminorm.cli import cli
from seminorm.publish import DIGEST_PROPERTY, ENV_PASSWORD, ENV_USERNAME

pytest.importorskip("radicale")
caldav = pytest.importorskip("caldav")
pytestmark = pytest.mark.slow  # a server process; .ci/run runs them

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
INPUTS = sorted(str(p) for p in EXAMPLES.iterdir() if p.is_file() and p.name != "README.md")
USER, PASSWORD = "ann", "s3cret-Pw-1"
START_TIMEOUT = 30.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a Radicale server that knows the user ``ann``."""
    root = tmp_path_factory.mktemp("radicale")
    users = root / "users"
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    port = _free_port()
    args = [
        sys.executable, "-m", "radicale",
        "--server-hosts", f"127.0.0.1:{port}",
        "--storage-filesystem-folder", str(root / "storage"),
        "--auth-type", "htpasswd",
        "--auth-htpasswd-filename", str(users),
        "--auth-htpasswd-encryption", "plain",
        "--logging-level", "error",
    ]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"radicale did not start: {proc.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("radicale did not listen within 30 s")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()


@pytest.fixture
def collection(server: str, request: pytest.FixtureRequest) -> str:
    """A new, empty calendar collection for this test."""
    url = f"{server}{USER}/{request.node.name.replace('_', '-')[:60]}/"
    with caldav.DAVClient(url=server, username=USER, password=PASSWORD, timeout=10) as client:
        client.principal().make_calendar(name="talks", cal_id=url.rstrip("/").rsplit("/", 1)[1])
    return url


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_USERNAME, USER)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def _resources(url: str) -> dict[str, str]:
    """Resource name -> its calendar text, read back through CalDAV."""
    with caldav.DAVClient(url=url, username=USER, password=PASSWORD, timeout=10) as client:
        events = client.calendar(url=url).events()
        return {str(ev.url).rsplit("/", 1)[1]: ev.data for ev in events}


def _publish(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["publish", *args])
    return result.exit_code, result.stdout, result.stderr


def _props(text: str, name: str) -> list[str]:
    from icalendar import Calendar

    cal = Calendar.from_ical(text)
    return [str(ev.get(name)) for ev in cal.walk("VEVENT")]


def test_publish_puts_every_example_event_as_its_own_resource(collection: str, login: None) -> None:
    code, out, _ = _publish(*INPUTS, "--to", collection, "-q")
    assert code == 0
    assert out.count("create ") == 8
    stored = _resources(collection)
    assert len(stored) == 8
    parsed = CliRunner().invoke(cli, ["parse", *INPUTS, "-f", "ics", "-q"]).stdout
    assert sorted(_props(parsed, "UID")) == sorted(
        u for t in stored.values() for u in _props(t, "UID")
    )
    wanted = sorted(zip(_props(parsed, "SUMMARY"), _props(parsed, "LOCATION"), strict=True))
    got = sorted((_props(t, "SUMMARY")[0], _props(t, "LOCATION")[0]) for t in stored.values())
    assert got == wanted
    for name, text in stored.items():
        (uid,) = _props(text, "UID")
        assert name.replace("%40", "@") == f"{uid}.ics"
        assert DIGEST_PROPERTY in text


def test_the_seeds_are_published_and_read_back(collection: str, login: None) -> None:
    from .helpers import shared_dir

    text = shared_dir("corpus", "text")
    seeds = [str(text / "003_c23e6023562c6433.txt"), str(text / "000_091e2d00654c9e79.txt")]
    code, out, _ = _publish(*seeds, "--to", collection, "--tz", "Europe/Zurich", "-q")
    assert code == 0
    stored = _resources(collection)
    assert len(stored) == out.count("create ") == 2
    parsed = CliRunner().invoke(cli, ["parse", *seeds, "-f", "ics", "--tz", "Europe/Zurich"])
    wanted = sorted(
        zip(_props(parsed.stdout, "UID"), _props(parsed.stdout, "DTSTART"), strict=True)
    )
    got = sorted((_props(t, "UID")[0], _props(t, "DTSTART")[0]) for t in stored.values())
    assert got == wanted
    assert _publish(*seeds, "--to", collection, "--tz", "Europe/Zurich")[2].endswith(
        "2 resources: 0 new, 0 updated, 2 unchanged\n"
    )


def test_publishing_again_changes_nothing_and_never_duplicates(
    collection: str, login: None
) -> None:
    assert _publish(*INPUTS, "--to", collection, "-q")[0] == 0
    first = _resources(collection)
    code, out, err = _publish(*INPUTS, "--to", collection)
    assert code == 0
    assert out.count("unchanged ") == 8
    assert "8 resources: 0 new, 0 updated, 8 unchanged" in err
    assert _resources(collection) == first


def test_a_changed_talk_updates_its_one_resource(
    collection: str, login: None, tmp_path: Path
) -> None:
    talk = tmp_path / "colloque.txt"
    talk.write_bytes((EXAMPLES / "colloque.txt").read_bytes())
    listing = str(EXAMPLES / "listing.txt")
    assert _publish(str(talk), listing, "--to", collection, "-q")[0] == 0
    before = _resources(collection)
    text = talk.read_text(encoding="utf-8")
    assert "salle" in text
    talk.write_text(text.replace("salle", "amphithéâtre", 1), encoding="utf-8")

    code, out, _ = _publish(str(talk), listing, "--to", collection, "--dry-run", "-q")
    assert code == 0
    assert out.count("would update ") == 1
    assert _resources(collection) == before  # a dry run sends nothing

    code, out, err = _publish(str(talk), listing, "--to", collection)
    assert code == 0
    assert "4 resources: 0 new, 1 updated, 3 unchanged" in err
    after = _resources(collection)
    assert after.keys() == before.keys()
    changed = [name for name in after if after[name] != before[name]]
    assert len(changed) == 1
    assert "amphithéâtre" in _props(after[changed[0]], "LOCATION")[0]


def test_credentials_come_from_netrc(
    collection: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.delenv(ENV_USERNAME, raising=False)
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    monkeypatch.setenv("NETRC", str(netrc))
    code, out, _ = _publish(str(EXAMPLES / "colloque.txt"), "--to", collection, "-q")
    assert code == 0
    assert out.startswith("create ")
    assert len(_resources(collection)) == 1


def test_a_refused_login_is_one_line_without_the_password(
    collection: str, monkeypatch: pytest.MonkeyPatch, login: None
) -> None:
    monkeypatch.setenv(ENV_PASSWORD, "wrong-Pw-2")
    code, out, err = _publish(str(EXAMPLES / "colloque.txt"), "--to", collection, "-q")
    assert code == 1
    assert out == ""
    assert err == (
        f"seminorm: error: the server refused the login; check the credentials in {ENV_USERNAME}"
        f" / {ENV_PASSWORD} or in ~/.netrc for this host\n"
    )
    assert "wrong-Pw-2" not in err


def test_an_unreachable_server_is_one_line(login: None) -> None:
    url = f"http://127.0.0.1:{_free_port()}/{USER}/talks/"
    code, out, err = _publish(str(EXAMPLES / "colloque.txt"), "--to", url, "-q", "--timeout", "5")
    assert code == 1
    assert out == ""
    assert err == f"seminorm: error: cannot reach {url}: connection refused\n"


def test_credentials_in_the_url_are_refused_and_never_shown(login: None) -> None:
    code, _, err = _publish("-", "--to", f"http://{USER}:{PASSWORD}@127.0.0.1:9/x/")
    assert code == 1
    assert "never on the command line" in err
    assert PASSWORD not in err
    assert len(err.splitlines()) == 1


def test_without_caldav_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, login: None
) -> None:
    monkeypatch.setitem(sys.modules, "caldav", None)  # `import caldav` raises ImportError
    code, _, err = _publish(str(EXAMPLES / "colloque.txt"), "--to", "http://127.0.0.1:9/x/", "-q")
    assert code == 1
    assert err == (
        "seminorm: error: publishing needs the 'caldav' extra: pip install 'seminorm[caldav]'\n"
    )


def test_a_failed_input_is_reported_and_the_others_published(
    collection: str, login: None, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing here\n", encoding="utf-8")
    code, out, err = _publish(str(empty), str(EXAMPLES / "colloque.txt"), "--to", collection)
    assert code == 1
    assert f"{empty}: error:" in err
    assert out.count("create ") == 1
    assert os.path.basename(collection.rstrip("/"))


def test_a_calendar_read_back_from_the_server_publishes_as_unchanged(
    collection: str, login: None, tmp_path: Path
) -> None:
    assert _publish(str(EXAMPLES / "colloque.txt"), "--to", collection, "-q")[0] == 0
    (text,) = _resources(collection).values()
    export = tmp_path / "export.ics"
    export.write_text(text, encoding="utf-8")  # with its X-SEMINORM-DIGEST
    code, out, _ = _publish(str(export), "--to", collection, "-q")
    assert code == 0
    assert out.startswith(("unchanged ", "update "))
    assert len(_resources(collection)) == 1
    assert DIGEST_PROPERTY in next(iter(_resources(collection).values()))
