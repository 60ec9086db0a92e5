"""Where the machine's CPU went while the load test measured: the web workers, the
PostgreSQL backends of the scratch database, locust, and everything else on the machine
(other people's work on a shared machine). It tells a service that needs more CPU than two
cores give from a machine that was busy with something else.

A thread samples cumulative CPU seconds every half second; `in_window` takes the samples
nearest the measured window's ends (times from the locustfile, epoch seconds)."""

from __future__ import annotations

import time
from typing import NamedTuple

from tests.load.servers import Sampler

PARTS = ("web", "postgres", "locust", "other")


class Sample(NamedTuple):
    at: float  # epoch seconds
    parts: dict  # part -> {pid: cumulative CPU seconds of that process}
    busy: float  # the whole machine's busy CPU seconds (every core, idle and iowait excluded)


def _cpu_seconds(process) -> float:
    times = process.cpu_times()
    return times.user + times.system


class CpuUse(Sampler):
    """Samples the CPU of the given gunicorn servers' processes, of the postgres processes
    serving `database`, of processes whose command line names locust, and of the machine.
    A process's last half second before it ends is not seen."""

    def __init__(self, servers: list, database: str):
        super().__init__()
        self.servers, self.database = servers, database
        self.samples: list[Sample] = []

    def take(self) -> None:
        self.samples.append(self.sample())

    def sample(self) -> Sample:
        import psutil

        parts: dict[str, dict[int, float]] = {"web": {}, "postgres": {}, "locust": {}}
        web_pids = {s.process.pid for s in self.servers if s.process} | {
            pid for s in self.servers for pid in s.worker_pids()
        }
        for process in psutil.process_iter(["pid", "name", "cmdline"]):
            try:
                pid, name = process.info["pid"], process.info["name"] or ""
                line = " ".join(process.info["cmdline"] or ())
                if pid in web_pids:
                    parts["web"][pid] = _cpu_seconds(process)
                elif name.startswith("postgres") and f" {self.database} " in f" {line} ":
                    parts["postgres"][pid] = _cpu_seconds(process)
                elif "locust" in line:
                    parts["locust"][pid] = _cpu_seconds(process)
            except psutil.Error:
                continue
        machine = psutil.cpu_times()
        busy = sum(machine) - machine.idle - getattr(machine, "iowait", 0.0)
        return Sample(time.time(), parts, busy)


def nearest(samples: list[Sample], at: float) -> Sample | None:
    return min(samples, key=lambda s: abs(s.at - at)) if samples else None


def in_window(samples: list[Sample], opened: float, closed: float) -> dict[str, float] | None:
    """Cores used by each part on average between the samples nearest `opened` and `closed`
    (1.0 = one core busy all the time); "other" is the machine's busy time the three parts
    do not account for. Processes come and go (PostgreSQL ends a connection's backend when
    the connection is recycled), so each process counts from the first sample or its start
    to the last value seen of it. None without two distinct samples in reach."""
    first, last = nearest(samples, opened), nearest(samples, closed)
    if first is None or last is None or last.at <= first.at:
        return None
    seconds = last.at - first.at
    inside = [s for s in samples if first.at <= s.at <= last.at]
    used = {}
    for part in PARTS[:-1]:
        latest: dict[int, float] = {}
        for sample in inside:
            latest.update(sample.parts.get(part, {}))
        start = first.parts.get(part, {})
        used[part] = sum(cpu - start.get(pid, 0.0) for pid, cpu in latest.items()) / seconds
    machine = (last.busy - first.busy) / seconds
    used["other"] = max(0.0, machine - sum(used.values()))
    return used
