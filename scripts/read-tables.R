#!/usr/bin/env Rscript
# Read a lendsim run directory's tables with base R and check them against summary.json's counts.
# Usage: Rscript scripts/read-tables.R DIR   (DIR: the --out of `lendsim run`). Prints "ok" at the end.
args <- commandArgs(trailingOnly = TRUE)
d <- args[1]
fail <- function(what) { cat("FAIL", what, "\n"); quit(status = 1) }
runs <- read.csv(file.path(d, "runs.csv"), check.names = FALSE)
monthly <- read.csv(file.path(d, "runs-monthly.csv"))
ts <- read.csv(file.path(d, "timeseries.csv"))
metrics <- setdiff(names(runs), c("run", "arm", "seed"))
# A metric that is undefined in every run (a pending one) is an empty column, which read.csv types as logical.
if (!all(vapply(runs[metrics], function(x) is.double(x) || all(is.na(x)), TRUE))) fail("runs.csv: every metric column is double")
if (!identical(names(monthly), c("run", "arm", "seed", "month", "metric", "value"))) fail("runs-monthly.csv columns")
if (!is.double(monthly$value) || !is.integer(monthly$month)) fail("runs-monthly.csv: value double, month integer")
if (!identical(names(ts), c("arm", "month", "metric", "mean", "lo", "hi", "n", "sd"))) fail("timeseries.csv columns")
if (!all(vapply(ts[c("mean", "lo", "hi", "sd")], is.double, TRUE)) || !is.integer(ts$n)) fail("timeseries.csv types")
months <- max(monthly$month) + 1
end <- monthly[monthly$month >= months - 3, ]
m <- "links"
for (arm in c("policy", "counterfactual")) {
  per_run <- tapply(end$value[end$metric == m & end$arm == arm], end$run[end$metric == m & end$arm == arm], mean, na.rm = TRUE)
  if (max(abs(per_run - runs[runs$arm == arm, m][order(runs$run[runs$arm == arm])])) > 1e-9) fail(paste("runs.csv", arm, m, "is the end-window mean"))
}
cat("ok\n")
