#!/usr/bin/env python3
"""Read a lendsim run directory's tables with pandas and check them against summary.json.

Usage: python3 scripts/read-tables.py DIR   (DIR: the --out of `lendsim run`; needs pandas)
Prints one line per check and "ok" at the end; exits 1 on the first failure.
"""
import json
import math
import sys

import pandas as pd

d = sys.argv[1]
summary = json.load(open(f"{d}/summary.json"))
runs = pd.read_csv(f"{d}/runs.csv")
monthly = pd.read_csv(f"{d}/runs-monthly.csv")
ts = pd.read_csv(f"{d}/timeseries.csv")

def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        sys.exit(1)

metrics = [c for c in runs.columns if c not in ("run", "arm", "seed")]
check(all(runs[m].dtype == "float64" for m in metrics), f"runs.csv: all {len(metrics)} metric columns read as float64")
check(str(runs["run"].dtype) == "int64" and str(runs["seed"].dtype) == "int64", "runs.csv: run and seed read as int64")
check(list(monthly.columns) == ["run", "arm", "seed", "month", "metric", "value"], "runs-monthly.csv: run,arm,seed,month,metric,value")
check(monthly["value"].dtype == "float64" and str(monthly["month"].dtype) == "int64", "runs-monthly.csv: value float64, month int64")
check(list(ts.columns) == ["arm", "month", "metric", "mean", "lo", "hi", "n", "sd"], "timeseries.csv: arm,month,metric,mean,lo,hi,n,sd")
check(all(ts[c].dtype == "float64" for c in ("mean", "lo", "hi", "sd")) and str(ts["n"].dtype) == "int64", "timeseries.csv: mean, lo, hi, sd float64; n int64")
months = summary["months"]
check(len(monthly) == summary["runs"] * 2 * months * len(metrics), "runs-monthly.csv: every run, arm, month and metric")

# runs.csv values are the mean over the end window (the last 3 months) of runs-monthly.csv
end = monthly[monthly["month"] >= months - 3].groupby(["run", "arm", "metric"])["value"].mean()
wide = runs.set_index(["run", "arm"])[metrics].stack().rename_axis(["run", "arm", "metric"])
both = pd.concat([end, wide], axis=1, keys=["monthly", "runs"]).dropna()
check(((both["monthly"] - both["runs"]).abs() <= 1e-9 * both["runs"].abs().clip(lower=1)).all(), "runs.csv = mean of the last 3 months of runs-monthly.csv")

# the summary's end means are the means across runs of runs.csv
bad = []
for arm in ("policy", "counterfactual"):
    col = runs[runs["arm"] == arm]
    for m in metrics:
        s = summary["arms"][arm]["end"][m]
        v = col[m].dropna()
        if s["n"] != len(v) or (s["n"] > 0 and not math.isclose(s["mean"], v.mean(), rel_tol=1e-9, abs_tol=1e-12)):
            bad.append(f"{arm}.{m}")
check(not bad, f"summary.json end means = runs.csv means across runs {bad[:5]}")
print("ok")
