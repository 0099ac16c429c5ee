"""What a running process costs, read from /proc: CPU time and wakes of all its threads."""

from __future__ import annotations

from pathlib import Path


def _schedstat(pid: int) -> tuple[int, int]:
    """(ns on the CPU, times scheduled in) summed over the process's threads."""
    ns = runs = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "schedstat").read_text().split()
            ns, runs = ns + int(fields[0]), runs + int(fields[2])
        except (OSError, ValueError, IndexError):
            continue  # a thread that ended while we read
    return ns, runs


def cpu_seconds(pid: int) -> float:
    """On-CPU time of every thread of a process, in seconds."""
    return _schedstat(pid)[0] / 1e9


def wakes(pid: int) -> int:
    """How many times any thread of the process has been scheduled in."""
    return _schedstat(pid)[1]
