#!/usr/bin/env python3
"""Turns bench/run's outputs (Google Benchmark JSON files + process.json) into one table of
medians, printed and written into bench/RESULTS.md between the bench/run markers."""
import datetime
import glob
import json
import os
import platform
import re
import subprocess
import sys

BEGIN = "<!-- bench/run: begin (generated; edit the prose below, not this) -->"
END = "<!-- bench/run: end -->"


def fmt_time(value, unit):
    ns = value * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[unit]
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.1f} µs"
    if ns < 1e9:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1e9:.2f} s"


def machine():
    model = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"Model name:\s*(.+)", out)
        model = m.group(1).strip() if m else ""
    except OSError:
        pass
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, {model or platform.processor()}, load average {load:.1f} at the start"


def rows(directory):
    table = []
    for path in sorted(glob.glob(os.path.join(directory, "*_bench.json"))):
        doc = json.load(open(path))
        for b in doc["benchmarks"]:
            if b.get("aggregate_name") != "median":
                continue
            extra = []
            if "bytes_per_second" in b:
                extra.append(f"{b['bytes_per_second'] / 1e6:.0f} MB/s")
            for key, value in b.items():
                if key.endswith("_kB") or key in ("bytes", "bytes_per_frame"):
                    extra.append(f"{key}={value:g}")
            table.append((os.path.basename(path)[:-5], b["run_name"], fmt_time(b["real_time"], b["time_unit"]),
                          fmt_time(b["cpu_time"], b["time_unit"]), ", ".join(extra)))
    return table


def main():
    directory, results = sys.argv[1], sys.argv[2]
    lines = [BEGIN, "", f"## Latest `bench/run` ({datetime.date.today().isoformat()})", "",
             f"Machine: {machine()}. Release build; medians of 5 repetitions.", "",
             "| program | benchmark | median wall | median CPU | also |", "|---|---|---:|---:|---|"]
    for program, name, wall, cpu, extra in rows(directory):
        lines.append(f"| {program} | {name} | {wall} | {cpu} | {extra} |")
    process = os.path.join(directory, "process.json")
    if os.path.exists(process) and os.path.getsize(process) > 0:
        lines += ["", "Whole process (`bench/process_metrics.sh`, the real binary on a pty in tmux):", "",
                  "| measurement | median | goal | runs |", "|---|---:|---:|---|"]
        for m in json.load(open(process)):
            lines.append(f"| {m['name']} | {m['median']} | {m['goal']} | {m['runs']} |")
    lines += ["", END]
    block = "\n".join(lines)
    print(block)
    text = open(results).read() if os.path.exists(results) else "# flinktop benchmark results\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        head, sep, rest = text.partition("\n\n")
        text = head + "\n\n" + block + "\n\n" + rest
    open(results, "w").write(text)


if __name__ == "__main__":
    main()
