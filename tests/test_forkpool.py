"""The forked workers of ``convert`` (``seminorm.forkpool``), on their own."""

from __future__ import annotations

import os
import signal

import pytest

from seminorm import forkpool

pytestmark = pytest.mark.skipif(not forkpool.available(), reason="no os.fork here")


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _run(parts, work, workers=2, should_stop=lambda: False, flag=None):
    done: dict[int, object] = {}
    died = forkpool.run(
        parts,
        work,
        workers,
        done.__setitem__,
        should_stop=should_stop,
        flag=flag or forkpool.SharedFlag(),
        child_setup=lambda: None,
    )
    return done, died


@pytest.mark.parametrize("workers", [1, 2, 3, 8])
def test_every_part_runs_once_in_a_child(workers):
    parts = [list(range(i, i + 3)) for i in range(0, 30, 3)]
    done, died = _run(parts, lambda part: (os.getpid(), [x * x for x in part]), workers)
    assert died == {}
    assert sorted(done) == list(range(10))
    assert [done[i][1] for i in range(10)] == [[x * x for x in p] for p in parts]
    assert os.getpid() not in {pid for pid, _ in done.values()}
    assert len({pid for pid, _ in done.values()}) <= workers
    assert _no_children_left()


def test_results_bigger_than_a_pipe_arrive_whole():
    parts = [0, 1, 2]
    done, died = _run(parts, lambda i: str(i) * 300_000)
    assert died == {}
    assert done == {i: str(i) * 300_000 for i in parts}


def test_a_dying_child_fails_its_part_only_and_a_fresh_one_goes_on():
    def work(part):
        if part == 3:
            os._exit(7)
        if part == 5:
            os.kill(os.getpid(), signal.SIGKILL)
        return part * 10

    done, died = _run(list(range(10)), work)
    assert sorted(died) == [3, 5]
    assert str(died[3]) == "the worker process exited with status 7"
    assert str(died[5]) == "the worker process was killed by SIGKILL"
    assert done == {i: i * 10 for i in range(10) if i not in (3, 5)}
    assert _no_children_left()


def test_an_exception_in_a_child_is_a_dead_part_not_a_hang():
    def work(part):
        if part == 1:
            raise ValueError("boom")
        return part

    done, died = _run([0, 1, 2], work, workers=1)
    assert sorted(died) == [1]
    assert done == {0: 0, 2: 2}


def test_a_stop_hands_out_no_more_parts_and_the_running_ones_see_the_flag():
    flag = forkpool.SharedFlag()

    def work(part):
        if part == 0:
            flag.set()  # as the parent would on Ctrl-C: the child sees the shared byte
        return flag.is_set()

    done, died = _run(list(range(50)), work, workers=1, should_stop=flag.is_set, flag=flag)
    assert died == {}
    assert done[0] is True
    assert len(done) < 50  # the rest was never handed out
    assert _no_children_left()


def test_an_interrupt_in_the_parent_stops_and_reaps_the_children():
    calls = 0

    def on_done(i, result):
        nonlocal calls
        calls += 1
        raise KeyboardInterrupt  # a second Ctrl-C while results come in

    with pytest.raises(KeyboardInterrupt):
        forkpool.run(
            list(range(20)),
            lambda part: part,
            2,
            on_done,
            should_stop=lambda: False,
            flag=forkpool.SharedFlag(),
            child_setup=lambda: None,
        )
    # the other child's result may be on its way: it is still taken in (and this
    # on_done interrupts again, which kills the children outright)
    assert calls in (1, 2)
    assert _no_children_left()


def test_shared_flag_is_seen_by_a_forked_child():
    flag = forkpool.SharedFlag()
    assert not flag.is_set()
    done, _ = _run([0], lambda part: flag.is_set(), flag=flag)
    assert done == {0: False}
    flag.set()
    done, _ = _run([0], lambda part: flag.is_set(), flag=flag)
    assert done == {0: True}


def test_runs_in_several_threads_at_once_keep_to_their_own_pipes():
    """The threads of a Dask worker each run a chunk in a child: a child must not hold
    another run's pipe ends, or that run waits for the stranger (or both for each other)."""
    import threading
    import time

    def work(part):
        time.sleep(0.002 * (part % 3))
        return os.getpid(), part

    finished: list[bool] = []

    def many() -> None:
        for k in range(15):
            done, died = _run([k, k + 1], work, workers=1)
            assert died == {}
            assert sorted(r[1] for r in done.values()) == [k, k + 1]
        finished.append(True)

    threads = [threading.Thread(target=many, daemon=True) for _ in range(4)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert finished == [True] * 4, "a run waited for another run's child"
    assert time.monotonic() - start < 30
    assert not forkpool._OPEN
    assert _no_children_left()


def test_a_helper_runs_part_after_part_in_one_child_and_replaces_a_dead_one():
    def work(part):
        if part == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid(), part * 2

    helper = forkpool.Helper(work, child_setup=lambda: None)
    first, second = helper.call(1), helper.call("ab" * 200_000)  # bigger than a pipe
    assert first[1] == 2
    assert second == (first[0], "ab" * 400_000)  # the same child, warm
    assert first[0] != os.getpid()
    died = helper.call("die")
    assert isinstance(died, forkpool.Died)
    assert str(died) == "the worker process was killed by SIGKILL"
    again = helper.call(3)
    assert again[1] == 6
    assert again[0] != first[0]  # a new child
    helper.close()
    assert not forkpool._OPEN
    assert _no_children_left()


def test_a_helper_child_leaves_the_other_threads_helpers_alone():
    """In a child, another thread's helper (freed by the fork) must not close its pipes
    or wait for its child: that blocked the child forever."""
    import threading

    local = threading.local()
    ready, leave = threading.Event(), threading.Event()

    def other() -> None:
        local.helper = forkpool.Helper(lambda part: part, child_setup=lambda: None)
        local.helper.call(0)
        ready.set()
        leave.wait(60)
        local.helper.close()

    thread = threading.Thread(target=other, daemon=True)
    thread.start()
    ready.wait(30)
    got: list[object] = []
    mine = forkpool.Helper(lambda part: part + 1, child_setup=lambda: None)
    runner = threading.Thread(target=lambda: got.append(mine.call(1)), daemon=True)
    runner.start()
    runner.join(30)
    leave.set()
    thread.join(30)
    assert got == [2]
    mine.close()
    assert _no_children_left()
