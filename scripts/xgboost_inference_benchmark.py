#!/usr/bin/env python3
"""Time xgboost's prediction of the model that Benchmarks/Benchmarks/Trees times in saxsd.

The model is shared/reference/xgboost/bench_regressor_100x5.json (100 trees of depth 5 on 500 features, the
seed paper's configuration), the rows bench_X20.txt. Printed, as medians over repeated runs on one thread:
  * one row through the Python API, the way a service in Python would call it for each frame: Booster.predict on
    a fresh DMatrix, and inplace_predict on the numpy row (no DMatrix);
  * xgboost's own tree walk per row: a batch of 100 000 rows (the 20 rows repeated) in one inplace_predict call,
    divided by the row count, so that the call overhead is spread thin;
  * the frame case of the Swift benchmark: a 9-class classifier of 900 trees and 10 regressors of 100 trees
    (built from the same trees) on one row through inplace_predict, and per row in a batch.

    python3 -m venv /tmp/xgb3 && /tmp/xgb3/bin/pip install xgboost numpy
    /tmp/xgb3/bin/python scripts/xgboost_inference_benchmark.py

Compare with `cd Benchmarks && swift package benchmark --target Trees`, run in the same session.
"""
import json
import os
import statistics
import tempfile
import time

import numpy as np
import xgboost as xgb

REFERENCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "reference", "xgboost")


def median_time(function, repeats, inner):
    """Median over `repeats` of the time of one call, each measured over `inner` calls, in microseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(inner):
            function()
        times.append((time.perf_counter() - start) / inner * 1e6)
    return statistics.median(times)


def classifier_from(path, classes):
    """The regressor's trees, each repeated once per class, as a multi:softprob model."""
    with open(path) as handle:
        model = json.load(handle)
    learner = model["learner"]
    booster = learner["gradient_booster"]["model"]
    trees = []
    for tree in booster["trees"]:
        for _ in range(classes):
            copy = dict(tree)
            copy["id"] = len(trees)
            trees.append(copy)
    booster["trees"] = trees
    booster["tree_info"] = [i % classes for i in range(len(trees))]
    booster["iteration_indptr"] = list(range(0, len(trees) + 1, classes))
    booster["gbtree_model_param"]["num_trees"] = str(len(trees))
    learner["learner_model_param"]["num_class"] = str(classes)
    learner["learner_model_param"]["base_score"] = "[" + ",".join(["0"] * classes) + "]"
    learner["objective"] = {"name": "multi:softprob", "softmax_multiclass_param": {"num_class": str(classes)}}
    handle, classifier = tempfile.mkstemp(suffix=".json")
    with os.fdopen(handle, "w") as output:
        json.dump(model, output)
    booster = xgb.Booster({"nthread": 1})
    booster.load_model(classifier)
    os.unlink(classifier)
    return booster


def main():
    path = os.path.join(REFERENCE, "bench_regressor_100x5.json")
    booster = xgb.Booster({"nthread": 1})
    booster.load_model(path)
    rows = np.loadtxt(os.path.join(REFERENCE, "bench_X20.txt"), dtype=np.float32)
    row = rows[:1]
    batch = np.tile(rows, (5000, 1))

    print(f"xgboost {xgb.__version__}, one thread")
    dmatrix = median_time(lambda: booster.predict(xgb.DMatrix(row)), 15, 200)
    inplace = median_time(lambda: booster.inplace_predict(row), 15, 200)
    walk = median_time(lambda: booster.inplace_predict(batch), 7, 1) / len(batch)
    print(f"regressor 100x5, one row, Booster.predict(DMatrix(row)):  {dmatrix:8.2f} µs")
    print(f"regressor 100x5, one row, inplace_predict(row):          {inplace:8.2f} µs")
    print(f"regressor 100x5, tree walk per row (batch of {len(batch)}):  {walk:8.3f} µs")

    classifier = classifier_from(path, 9)
    regressors = [booster] * 10
    frame = median_time(lambda: [classifier.inplace_predict(row)] + [r.inplace_predict(row) for r in regressors], 15, 50)
    frame_walk = (median_time(lambda: classifier.inplace_predict(batch), 3, 1)
                  + 10 * median_time(lambda: booster.inplace_predict(batch), 3, 1)) / len(batch)
    print(f"frame (9-class classifier + 10 regressors), one row, inplace_predict: {frame:8.2f} µs")
    print(f"frame, tree walk per row (batches):                                  {frame_walk:8.3f} µs")


if __name__ == "__main__":
    main()
