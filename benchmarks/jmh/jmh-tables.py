#!/usr/bin/env python3
"""Turns a JMH JSON result (-rf json) into the Markdown tables of benchmarks/README.md.

usage: jmh-tables.py jmh.json

One table per benchmark class: ns/op with its error, GB/s (payload bytes / ns, decimal GB) where
the benchmark has a payload size, and B/op (gc.alloc.rate.norm from -prof gc).
"""
import json
import sys
from collections import OrderedDict


def payload_bytes(params):
    for key in ("size",):
        if key in params:
            return int(params[key])
    return None


def fmt(x):
    if x is None:
        return "–"
    if x >= 1000:
        return f"{x:,.0f}"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def main(path):
    runs = json.load(open(path))
    tables = OrderedDict()
    for r in runs:
        cls, method = r["benchmark"].rsplit(".", 1)
        cls = cls.rsplit(".", 1)[-1]
        params = r.get("params", {})
        score = r["primaryMetric"]["score"]
        err = r["primaryMetric"]["scoreError"]
        if r.get("mode") == "thrpt":  # ops per time unit (ops/s here): shown as ns/op too
            per_s = score * {"ops/s": 1, "ops/ms": 1e3, "ops/us": 1e6}.get(r["primaryMetric"]["scoreUnit"], 1)
            ns = 1e9 / per_s
            err, score = ns * err / r["primaryMetric"]["score"], ns
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        size = payload_bytes(params)
        gbps = size / score if size else None
        key = ", ".join(f"{k}={v}" for k, v in params.items())
        tables.setdefault(cls, []).append((method, key, score, err, gbps, alloc))
    for cls, rows in tables.items():
        print(f"#### {cls}\n")
        print("| method | params | ns/op | ± | GB/s | B/op |")
        print("|---|---|---|---|---|---|")
        for method, key, score, err, gbps, alloc in rows:
            b = "0" if alloc is not None and alloc < 0.5 else fmt(alloc)
            print(f"| {method} | {key} | {fmt(score)} | {fmt(err)} | {fmt(gbps)} | {b} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1])
