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
