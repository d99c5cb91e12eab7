#!/usr/bin/env python3
"""Set saxsd's boosted-tree training beside XGBoost's on the same data and split.

    python3 scripts/gbdt_compare.py DATASET_DIR [--limit N] [--threads 2] [--repeat 1]
    python3 scripts/gbdt_compare.py --synthetic [--repeat 3]

DATASET_DIR is what `saxsd simulate cellulose --out DIR` writes (curves.npy, parameters.csv). The rows are split
train/test at random with seed 42 (80/20, as sklearn's train_test_split), one regressor per parameter is trained
with the seed paper's configuration (squared error, 100 trees, learning rate 0.1, depth 5, hist, seed 42) by
XGBoost and by saxsd (Benchmarks' TrainingComparison tool, release build), and R² and MAE on the test rows are
printed side by side with the training times, both measured here and now. --synthetic instead times both on
10 000 training rows x 500 features of the Training benchmark's kind (the speed comparison of issue 6).
With --repeat N both trainings run N times, taking turns, and the median times are shown: on a shared machine
single timings vary by a factor of two.
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import xgboost

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG = {"n_estimators": 100, "learning_rate": 0.1, "max_depth": 5, "random_state": 42}


def load_dataset(folder, limit):
    curves = np.load(os.path.join(folder, "curves.npy")).astype(np.float32)
    with open(os.path.join(folder, "parameters.csv")) as handle:
        rows = list(csv.reader(handle))
    names, labels = rows[0], np.array(rows[1:], dtype=np.float32)
    if limit:
        curves, labels = curves[:limit], labels[:limit]
    return curves, labels, names


def synthetic(rows=12_500, points=500):
    """Smooth decays with a peak, like the Training benchmark's rows (not the same numbers); 80 % of them train."""
    rng = np.random.default_rng(2024)
    q = 0.1 * 50 ** (np.arange(points) / (points - 1))
    xi = rng.uniform(1, 10, rows)[:, None]
    peak = rng.uniform(0.5, 3, rows)[:, None]
    scale = rng.uniform(0.5, 2, rows)[:, None]
    curves = scale / (1 + (q * xi) ** 2) ** 2 + 0.01 * np.exp(-(((q - peak) / 0.05) ** 2))
    curves *= 1 + 0.01 * rng.standard_normal(curves.shape)
    return curves.astype(np.float32), xi.astype(np.float32), ["xi"]


def split(rows, seed=42, test_fraction=0.2):
    order = np.random.default_rng(seed).permutation(rows)
    test = int(round(rows * test_fraction))
    return np.sort(order[test:]), np.sort(order[:test])


def r2(truth, prediction):
    return 1 - np.sum((truth - prediction) ** 2) / np.sum((truth - truth.mean()) ** 2)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", nargs="?")
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N curves")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="train each model N times, report median times")
    args = parser.parse_args()
    if args.synthetic:
        features, labels, names = synthetic()
    elif args.dataset:
        features, labels, names = load_dataset(args.dataset, args.limit)
    else:
        parser.error("give a dataset folder or --synthetic")

    train, test = split(len(features))
    work = tempfile.mkdtemp(prefix="gbdt-compare-")
    try:
        return compare(args, features, labels, names, train, test, work)
    finally:
        shutil.rmtree(work)


def compare(args, features, labels, names, train, test, work):
    np.save(os.path.join(work, "X_train.npy"), features[train])
    np.save(os.path.join(work, "y_train.npy"), labels[train])
    np.save(os.path.join(work, "X_test.npy"), features[test])
    with open(os.path.join(work, "config.json"), "w") as handle:
        json.dump(CONFIG, handle)

    subprocess.run(["swift", "build", "--package-path", "Benchmarks", "--scratch-path", ".build-bench", "-c", "release",
                    "--product", "TrainingComparison"], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    xgb_pred = np.zeros((len(test), labels.shape[1]), dtype=np.float32)
    xgb_times, saxsd_times = [], []
    for _ in range(args.repeat):
        times = []
        for column in range(labels.shape[1]):
            model = xgboost.XGBRegressor(objective="reg:squarederror", tree_method="hist", n_jobs=args.threads, **CONFIG)
            start = time.perf_counter()
            model.fit(features[train], labels[train, column])
            times.append(time.perf_counter() - start)
            xgb_pred[:, column] = model.predict(features[test])
        xgb_times.append(times)
        subprocess.run([os.path.join(REPO, ".build-bench", "release", "TrainingComparison"), work, str(args.threads)],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(work, "saxsd_times.json")) as handle:
            saxsd_times.append(json.load(handle)["seconds"])
    xgb_times, saxsd_times = np.median(xgb_times, axis=0), np.median(saxsd_times, axis=0)
    saxsd_pred = np.load(os.path.join(work, "saxsd_pred.npy"))

    print(f"{len(train)} training rows, {len(test)} test rows, {features.shape[1]} features, {args.threads} threads, "
          f"xgboost {xgboost.__version__}, times: median of {args.repeat}")
    print(f"{'parameter':<14} {'R2 xgboost':>10} {'R2 saxsd':>9} {'dR2':>7} {'MAE xgboost':>12} {'MAE saxsd':>10} "
          f"{'t xgboost':>9} {'t saxsd':>8}")
    worst = 0.0
    for column, name in enumerate(names):
        truth = labels[test, column]
        r2_x, r2_s = r2(truth, xgb_pred[:, column]), r2(truth, saxsd_pred[:, column])
        mae_x = np.mean(np.abs(truth - xgb_pred[:, column]))
        mae_s = np.mean(np.abs(truth - saxsd_pred[:, column]))
        worst = max(worst, abs(r2_s - r2_x))
        print(f"{name:<14} {r2_x:10.4f} {r2_s:9.4f} {r2_s - r2_x:+7.4f} {mae_x:12.4g} {mae_s:10.4g} "
              f"{xgb_times[column]:8.2f}s {saxsd_times[column]:7.2f}s")
    print(f"largest |dR2| {worst:.4f}; median training time xgboost {np.median(xgb_times):.2f} s, "
          f"saxsd {np.median(saxsd_times):.2f} s")
    return 0 if worst <= 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
