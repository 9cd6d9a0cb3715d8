"""`openup serve` under load: transcript-to-handled latency and the server's memory.

    python bench/serve.py [--requests 1000] [--clients 50] [--reuse]

Starts `python -m voice serve` on a free port as its own process, then
``--clients`` Wyoming clients at once send ``--requests`` transcripts in all,
each client its own conversation (a tip, then follow-ups, now and then a
disclosure of danger). By default every request opens a new connection, as
Home Assistant does; ``--reuse`` keeps one connection per client. Latency is
measured at the client, from writing the transcript to reading the answer, so
it includes waiting behind the other clients; the server's CPU time per
request does not depend on how busy the machine is. RSS is the server's,
read from /proc before the first request and after the last.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from wyoming.asr import Transcript  # noqa: E402
from wyoming.client import AsyncTcpClient  # noqa: E402
from wyoming.handle import Handled  # noqa: E402

TURNS = ("how do i get him to open up", "who said that", "tell me more", "another one",
         "she shuts down when i bring up money", "give me an example", "he hits me",
         "say that again", "why won't she talk to me", "list the tips")


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` now, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time process ``pid`` has used so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server() -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([sys.executable, "-m", "voice", "serve", "--uri", "tcp://127.0.0.1:0"],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:
        found = re.search(r"listening on tcp://[^:]+:(\d+)", line)
        if found:  # keep reading its log, or a full pipe would stall the server
            threading.Thread(target=process.stderr.read, daemon=True).start()
            return process, int(found.group(1))
    raise SystemExit(f"the server did not start (exit {process.wait()})")


async def one(port: int, text: str, conversation: str, client: AsyncTcpClient | None) -> float:
    """Seconds from sending one transcript to reading its answer."""
    event = Transcript(text, context={"conversation_id": conversation}).event()
    if client is None:
        async with AsyncTcpClient("127.0.0.1", port) as fresh:
            return await one(port, text, conversation, fresh)
    start = time.perf_counter()
    await client.write_event(event)
    answer = await client.read_event()
    elapsed = time.perf_counter() - start
    if answer is None or not Handled.is_type(answer.type):
        raise SystemExit(f"no answer to {text!r}: {answer}")
    return elapsed


async def a_client(port: int, number: int, count: int, reuse: bool) -> list[float]:
    turns = [TURNS[(number + i) % len(TURNS)] for i in range(count)]
    if not reuse:
        return [await one(port, text, f"bench-{number}", None) for text in turns]
    async with AsyncTcpClient("127.0.0.1", port) as client:
        return [await one(port, text, f"bench-{number}", client) for text in turns]


async def load(port: int, requests: int, clients: int, reuse: bool) -> tuple[list[float], float]:
    shares = [requests // clients + (1 if n < requests % clients else 0) for n in range(clients)]
    start = time.perf_counter()
    results = await asyncio.gather(*(a_client(port, n, k, reuse) for n, k in enumerate(shares)))
    return [seconds for client in results for seconds in client], time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="one connection per client instead of per request")
    args = parser.parse_args()
    process, port = start_server()
    try:
        before, cpu_before = rss_mb(process.pid), cpu_seconds(process.pid)
        latencies, wall = asyncio.run(load(port, args.requests, args.clients, args.reuse))
        after, cpu = rss_mb(process.pid), cpu_seconds(process.pid) - cpu_before
    finally:
        process.terminate()
        code = process.wait(timeout=10)
    cuts = statistics.quantiles(latencies, n=100)
    rows = [
        ("requests / clients", f"{len(latencies)} / {args.clients}"),
        ("connections", "one per client" if args.reuse else "one per request"),
        ("latency p50", f"{cuts[49] * 1000:.1f} ms"),
        ("latency p95", f"{cuts[94] * 1000:.1f} ms"),
        ("latency max", f"{max(latencies) * 1000:.1f} ms"),
        ("throughput", f"{len(latencies) / wall:.0f} requests/s"),
        ("server CPU per request", f"{cpu / len(latencies) * 1000:.1f} ms"),
        ("server RSS before", f"{before:.1f} MB"),
        ("server RSS after", f"{after:.1f} MB"),
        ("exit code after SIGTERM", str(code)),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure'.ljust(width)} | value |\n|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")


if __name__ == "__main__":
    main()
