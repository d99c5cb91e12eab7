#!/usr/bin/env python3
"""Show that xgboost loads the models saxsd writes and predicts saxsd's numbers, to the bit.

For each model: `saxsd predict --model MODEL --save-model SAVED ROWS.csv` prints saxsd's predictions and writes
the model as saxsd saves it (XGBoost 3.1+ JSON); then xgboost loads SAVED three ways (xgboost.Booster, and
XGBRegressor or XGBClassifier's load_model) and predicts the same rows. The predictions (and the raw margins)
of saxsd, of xgboost on saxsd's file, and of xgboost on the original file must be identical float32 values.

The models: fresh ones trained here by xgboost (reg:squarederror, binary:logistic, multi:softprob, one with
feature names, lossguide trees, and a copy of the first with its node ids shuffled), the models in shared/reference/xgboost when shared/ sits beside the checkout,
saxsd's test fixtures (xgboost 2.x files among them), and any model files given as arguments, such as the
ones `saxsd train` writes:

    python3 -m venv /tmp/xgb3 && /tmp/xgb3/bin/pip install xgboost numpy scikit-learn
    swift build && /tmp/xgb3/bin/python scripts/xgboost_roundtrip.py [--saxsd .build/debug/saxsd] [MODEL.json ...]

It runs with older xgboost too (checked with 2.1.4 and 3.0.5, `pip install "xgboost<3"`, and for 3.0
`"xgboost==3.0.*" "scikit-learn<1.6"`): they read saxsd's files except a multi:softprob whose classes start from
different margins (only 3.1's bracketed base_score holds those; older versions silently read their default
instead), which is skipped with a note, as is xgboost's own prediction from a 3.1+ original.

xgboost and scikit-learn are needed only to run this script, never by saxsd. Exit status 1 if any model differs.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import xgboost as xgb

REPOSITORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.path.join(REPOSITORY, "..", "shared", "reference", "xgboost")
FIXTURES = os.path.join(REPOSITORY, "Tests", "SAXSLearningTests", "Fixtures")


def find_saxsd(given):
    if given:
        return given
    for build in ("release", "debug"):
        candidate = os.path.join(REPOSITORY, ".build", build, "saxsd")
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("saxsd")
    if not found:
        sys.exit("no saxsd executable: run `swift build` or pass --saxsd PATH")
    return found


def float32_text(value):
    return "" if np.isnan(value) else np.format_float_positional(np.float32(value), unique=True, trim="-")


def trained_models(folder):
    """Models trained by the xgboost installed here, on data with missing values."""
    rng = np.random.default_rng(2024)
    x = rng.normal(size=(600, 12)).astype(np.float32)
    x[rng.random(x.shape) < 0.1] = np.nan
    filled = np.nan_to_num(x)
    signal = 2 * filled[:, 0] - filled[:, 3] * filled[:, 5] + np.tanh(filled[:, 7]) + rng.normal(scale=0.2, size=len(x))
    classes = np.digitize(signal, np.quantile(signal, [0.25, 0.5, 0.75]))
    cases = [
        ("squarederror", xgb.XGBRegressor(n_estimators=40, learning_rate=0.1, max_depth=5), signal),
        ("logistic", xgb.XGBClassifier(n_estimators=30, learning_rate=0.3, max_depth=4), signal > 0.5),
        ("softprob4", xgb.XGBClassifier(n_estimators=15, learning_rate=0.3, max_depth=3), classes),
        ("lossguide", xgb.XGBRegressor(n_estimators=10, grow_policy="lossguide", max_leaves=20, max_depth=0), signal),
    ]
    paths = []
    for name, estimator, target in cases:
        estimator.set_params(tree_method="hist", random_state=42, n_jobs=1)
        estimator.fit(x, target)
        paths.append(os.path.join(folder, f"trained_{name}.json"))
        estimator.save_model(paths[-1])
    # Feature names, as a model trained on a named table carries them.
    named = xgb.train({"tree_method": "hist", "max_depth": 3, "seed": 42, "nthread": 1},
                      xgb.DMatrix(x, signal, feature_names=[f"feature_{i}" for i in range(x.shape[1])]), 10)
    paths.append(os.path.join(folder, "trained_named.json"))
    named.save_model(paths[-1])
    return paths


def shuffled_copy(path, folder, rng):
    """The model with each tree's node ids permuted (the root stays 0): a layout xgboost never writes, as another
    tool or a hand edit may leave it. xgboost 3.2 reads it; 2.x and 3.0 walk it wrongly or crash (their predictor
    takes left + 1 for the right child), so saxsd must renumber such trees when it saves them. xgboost's own
    predictions for it are taken from the unshuffled model."""
    with open(path) as handle:
        model = json.load(handle)
    per_node = ["base_weights", "default_left", "left_children", "loss_changes", "parents", "right_children",
                "split_conditions", "split_indices", "split_type", "sum_hessian"]
    for tree in model["learner"]["gradient_booster"]["model"]["trees"]:
        count = len(tree["left_children"])
        order = [0] + list(rng.permutation(np.arange(1, count)))  # order[new] = old
        new_id = {old: new for new, old in enumerate(order)}
        renumber = lambda node: node if node in (-1, 2147483647) else new_id[node]
        for key in per_node:
            tree[key] = [tree[key][old] for old in order]
        for key in ("left_children", "right_children", "parents"):
            tree[key] = [renumber(node) for node in tree[key]]
    shuffled = os.path.join(folder, "shuffled_" + os.path.basename(path))
    with open(shuffled, "w") as handle:
        json.dump(model, handle)
    return shuffled


def reads_base_score(path):
    """xgboost before 3.1 takes a bracketed base_score for its default 0.5 without a word."""
    with open(path) as handle:
        score = json.load(handle)["learner"]["learner_model_param"]["base_score"]
    major, minor = (int(part) for part in xgb.__version__.split(".")[:2])
    return not score.startswith("[") or (major, minor) >= (3, 1)


def model_info(path):
    with open(path) as handle:
        learner = json.load(handle)["learner"]
    parameters = learner["learner_model_param"]
    return int(parameters["num_feature"]), learner.get("feature_names") or None, learner["objective"]["name"]


def saxsd_predict(saxsd, model, rows_path, saved=None, margin=False):
    command = [saxsd, "predict", "--model", model, rows_path]
    if saved:
        command += ["--save-model", saved]
    if margin:
        command.append("--margin")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip())
    return np.array([[np.float32(v) for v in line.split(",")] for line in result.stdout.splitlines()], dtype=np.float32)


def identical(a, b):
    a, b = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    return a.shape == b.shape and np.array_equal(a.view(np.uint32), b.view(np.uint32))


def check(saxsd, model, folder, rng, xgboost_original):
    features, names, objective = model_info(model)
    rows = rng.normal(scale=1.5, size=(300, features)).astype(np.float32)
    rows[rng.random(rows.shape) < 0.1] = np.nan
    rows[0, :] = np.nan
    rows_path = os.path.join(folder, "rows.csv")
    with open(rows_path, "w") as handle:
        if names:
            handle.write(",".join(names) + "\n")
        for row in rows:
            handle.write(",".join(float32_text(v) for v in row) + "\n")
    saved = os.path.join(folder, "saved_by_saxsd.json")
    ours = saxsd_predict(saxsd, model, rows_path, saved=saved)
    our_margins = saxsd_predict(saxsd, model, rows_path, margin=True)

    if not reads_base_score(saved):
        return objective, len(rows), None
    matrix = xgb.DMatrix(rows, missing=np.nan, feature_names=names)
    flat = lambda values: np.asarray(values, dtype=np.float32).reshape(len(rows), -1)
    reloaded = xgb.Booster()
    reloaded.load_model(saved)
    results = {
        "xgboost on saxsd's file": flat(reloaded.predict(matrix)),
        "margins, saxsd's file": flat(reloaded.predict(matrix, output_margin=True)),
    }
    if reads_base_score(xgboost_original):
        original = xgb.Booster()
        original.load_model(xgboost_original)
        results["xgboost on the original"] = flat(original.predict(matrix))
        results["margins, original"] = flat(original.predict(matrix, output_margin=True))
    if objective == "reg:squarederror":
        estimator = xgb.XGBRegressor()
        estimator.load_model(saved)
        results["XGBRegressor.predict"] = flat(estimator.get_booster().predict(matrix) if names else estimator.predict(rows))
    else:
        estimator = xgb.XGBClassifier()
        estimator.load_model(saved)
        probabilities = estimator.predict_proba(rows)
        # Binary: predict_proba gives (1 - p, p); saxsd and Booster.predict give p.
        results["XGBClassifier.predict_proba"] = flat(probabilities[:, 1] if objective == "binary:logistic" else probabilities)
    failures = [name for name, values in results.items()
                if not identical(values, our_margins if name.startswith("margins") else ours)]
    return objective, len(rows), failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saxsd", help="saxsd executable (default: .build/{release,debug}/saxsd, then PATH)")
    parser.add_argument("models", nargs="*", help="more model files, e.g. models/*.json")
    arguments = parser.parse_args()
    saxsd = find_saxsd(arguments.saxsd)
    rng = np.random.default_rng(7)
    failed = False
    print(f"xgboost {xgb.__version__}, saxsd {saxsd}")
    with tempfile.TemporaryDirectory() as folder:
        models = trained_models(folder)
        shuffled = shuffled_copy(models[0], folder, rng)
        originals = {shuffled: models[0]}
        models.append(shuffled)
        models += sorted(glob.glob(os.path.join(SHARED, "*.json")))
        models += sorted(p for p in glob.glob(os.path.join(FIXTURES, "xgb*.json")))
        models += arguments.models
        for model in models:
            try:
                objective, count, failures = check(saxsd, model, folder, rng, originals.get(model, model))
            except Exception as error:  # noqa: BLE001 - report and go on to the next model
                print(f"FAIL {os.path.basename(model)}: {error}")
                failed = True
                continue
            if failures is None:
                print(f"skip {os.path.basename(model):32s} {objective:18s} per-class base margins need xgboost >= 3.1")
                continue
            verdict = "ok  " if not failures else "FAIL"
            failed |= bool(failures)
            detail = "identical float32 predictions and margins" if not failures else "differ: " + ", ".join(failures)
            print(f"{verdict} {os.path.basename(model):32s} {objective:18s} {count} rows: {detail}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
