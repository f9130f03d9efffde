#!/usr/bin/env python3
"""Turns a real Flink daemon's log file into a container log in the CRI format, as it grows, so
that kwok (ClusterLogs) serves it as the pod's log through the API server — what a kubelet would
serve from /var/log/pods for a container writing that log to stdout.

  cri_log.py --watch-dir DIR [--max-bytes N] SRC:DST [SRC:DST ...]

Each line of SRC becomes `TIMESTAMP stdout F LINE` in DST. The timestamp is the one Flink wrote at
the start of the line (local time, `2026-01-02 03:04:05,678`), so sinceTime / sinceSeconds mean
what they mean on a real cluster; a line without one (a stack trace) takes the previous line's.
A missing SRC is waited for; a truncated or replaced one (log rotation) is read from its start.

Bounded: it exits on SIGTERM/SIGINT, as soon as DIR (the kube.sh instance) is gone, and stops
converting once it wrote --max-bytes (default 256 MiB) in all.
"""

import argparse
import os
import re
import signal
import sys
import time
from datetime import datetime, timezone

FLINK_TIME = re.compile(rb"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}),(\d{3}) ")
POLL_SECONDS = 0.2
CHUNK = 1 << 20


def cri_time(match):
    local = datetime.strptime(f"{match.group(1).decode()} {match.group(2).decode()}", "%Y-%m-%d %H:%M:%S")
    utc = local.astimezone(timezone.utc)  # naive = local time, as Flink's log4j pattern writes it
    return f"{utc.strftime('%Y-%m-%dT%H:%M:%S')}.{match.group(3).decode()}000000Z".encode()


def now_cri_time():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f000Z").encode()


class Follower:
    def __init__(self, src, dst):
        self.src, self.dst = src, dst
        self.inode = None
        self.offset = 0
        self.partial = b""
        self.stamp = None
        self.out = open(dst, "ab")

    def poll(self, budget):
        """Converts what SRC gained since the last poll; returns the bytes written."""
        try:
            st = os.stat(self.src)
        except FileNotFoundError:
            return 0
        if st.st_ino != self.inode or st.st_size < self.offset:
            self.inode, self.offset, self.partial = st.st_ino, 0, b""
        if st.st_size == self.offset:
            return 0
        written = 0
        with open(self.src, "rb") as f:
            f.seek(self.offset)
            while written < budget:
                data = f.read(CHUNK)
                if not data:
                    break
                self.offset += len(data)
                lines = (self.partial + data).split(b"\n")
                self.partial = lines.pop()
                out = []
                for line in lines:
                    m = FLINK_TIME.match(line)
                    if m:
                        self.stamp = cri_time(m)
                    out.append(b"%s stdout F %s\n" % (self.stamp or now_cri_time(), line.rstrip(b"\r")))
                chunk = b"".join(out)
                self.out.write(chunk)
                written += len(chunk)
        self.out.flush()
        return written


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--watch-dir", required=True)
    parser.add_argument("--max-bytes", type=int, default=256 << 20)
    parser.add_argument("pairs", nargs="+", metavar="SRC:DST")
    args = parser.parse_args()

    followers = []
    for pair in args.pairs:
        src, sep, dst = pair.partition(":")
        if not sep or not src or not dst:
            sys.exit(f"cri_log.py: expected SRC:DST, got {pair!r}")
        followers.append(Follower(src, dst))

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(1))
    left = args.max_bytes
    while not stopping and os.path.isdir(args.watch_dir):
        for f in followers:
            left -= f.poll(left)
        if left <= 0:
            print(f"cri_log.py: wrote --max-bytes={args.max_bytes}; no longer converting", file=sys.stderr)
            return
        time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    main()
