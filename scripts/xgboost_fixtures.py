#!/usr/bin/env python3
"""Write small XGBoost models with xgboost's own predictions into Tests/SAXSLearningTests/Fixtures.

shared/reference/xgboost holds models saved by xgboost 3.2 (a regressor and a three-class softprob). These
fixtures add the cases it leaves out, so that the loader and the tree walk are checked on models nobody tuned
them on: binary:logistic (its base_score is a probability, turned into a margin through the logit link),
the scalar base_score of xgboost 2.x ("5E-1"), a 2.x softprob (one scalar base_score for every class),
lossguide trees (unbalanced, deeper than max_depth would allow), random-forest style rounds (several trees per
round), and models saxsd must refuse (dart, gblinear, categorical splits, count:poisson, multi:softmax).

Run it once with each major version; each writes only its own files (xgb2_*, xgb3_*):

    python3 -m venv /tmp/xgb3 && /tmp/xgb3/bin/pip install xgboost numpy
    python3 -m venv /tmp/xgb2 && /tmp/xgb2/bin/pip install "xgboost<3" "numpy<2.3"
    /tmp/xgb3/bin/python scripts/xgboost_fixtures.py
    /tmp/xgb2/bin/python scripts/xgboost_fixtures.py

Files per model NAME: NAME.json (save_model), NAME.predictions.txt (Booster.predict: the regression value, the
probability of class 1, or one probability per class) and NAME.margins.txt (output_margin=True), one row per
row of rows.csv, numbers written as the shortest text that reads back as the same float32.
rows.csv: a header f0..f5 and 24 rows; missing values are written as empty cells or `nan`, row 0 is all missing.
"""
import json
import os

import numpy as np
import xgboost as xgb

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SAXSLearningTests", "Fixtures")
FEATURES = 6


def float32_text(value):
    return np.format_float_positional(np.float32(value), unique=True, trim="-")


def training_data(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(400, FEATURES)).astype(np.float32)
    x[rng.random(x.shape) < 0.08] = np.nan
    filled = np.nan_to_num(x)
    signal = filled[:, 0] - 0.7 * filled[:, 1] * filled[:, 2] + 0.4 * np.sin(3 * filled[:, 3])
    return x, signal + rng.normal(scale=0.3, size=len(x))


def test_rows():
    rng = np.random.default_rng(7)
    rows = rng.normal(scale=1.3, size=(24, FEATURES)).astype(np.float32)
    rows[rng.random(rows.shape) < 0.15] = np.nan
    rows[0, :] = np.nan
    return rows


def write_rows(rows):
    lines = [",".join(f"f{i}" for i in range(FEATURES))]
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if np.isnan(value):
                cells.append("nan" if (r + c) % 2 else "")
            else:
                cells.append(float32_text(value))
        lines.append(",".join(cells))
    with open(os.path.join(FIXTURES, "rows.csv"), "w") as handle:
        handle.write("\n".join(lines) + "\n")


def write_matrix(path, values):
    values = np.asarray(values, dtype=np.float32)
    if values.ndim == 1:
        values = values[:, None]
    with open(path, "w") as handle:
        for row in values:
            handle.write(" ".join(float32_text(v) for v in row) + "\n")


def save(name, booster, rows):
    path = os.path.join(FIXTURES, name)
    booster.save_model(path + ".json")
    # Reload, as saxsd does: the predictions must be those of the file, not of the booster in memory.
    loaded = xgb.Booster()
    loaded.load_model(path + ".json")
    matrix = xgb.DMatrix(rows, missing=np.nan)
    write_matrix(path + ".predictions.txt", loaded.predict(matrix))
    write_matrix(path + ".margins.txt", loaded.predict(matrix, output_margin=True))


def train(params, x, y, rounds):
    base = {"tree_method": "hist", "seed": 42, "nthread": 1}
    return xgb.train({**base, **params}, xgb.DMatrix(x, y, missing=np.nan), rounds)


def main():
    major = int(xgb.__version__.split(".")[0])
    prefix = f"xgb{major}_"
    os.makedirs(FIXTURES, exist_ok=True)
    rows = test_rows()
    if major >= 3:
        write_rows(rows)
    x, signal = training_data(seed=major)
    labels3 = np.digitize(signal, np.quantile(signal, [1 / 3, 2 / 3]))

    save(prefix + "logistic", train({"objective": "binary:logistic", "max_depth": 3, "eta": 0.3},
                                    x, (signal > 0.2).astype(np.float32), 8), rows)
    save(prefix + "softprob", train({"objective": "multi:softprob", "num_class": 3, "max_depth": 2, "eta": 0.4},
                                    x, labels3, 4), rows)
    if major >= 3:
        save(prefix + "lossguide", train({"objective": "reg:squarederror", "grow_policy": "lossguide",
                                          "max_leaves": 11, "max_depth": 0, "eta": 0.2}, x, signal, 6), rows)
        save(prefix + "forest", train({"objective": "reg:squarederror", "num_parallel_tree": 3, "subsample": 0.7,
                                       "colsample_bynode": 0.6, "max_depth": 3, "eta": 1.0}, x, signal, 2), rows)
        refused(x, signal, labels3)
    else:
        save(prefix + "regressor", train({"objective": "reg:squarederror", "max_depth": 3, "eta": 0.1},
                                         x, signal, 10), rows)


def refused(x, signal, labels3):
    """Models saxsd cannot represent; only the JSON is kept, the test checks that loading says why."""
    def keep(name, booster):
        booster.save_model(os.path.join(FIXTURES, f"refused_{name}.json"))

    keep("dart", train({"booster": "dart", "objective": "reg:squarederror", "max_depth": 2, "rate_drop": 0.3},
                       x, signal, 2))
    keep("gblinear", train({"booster": "gblinear", "objective": "reg:squarederror"}, x, signal, 2))
    keep("poisson", train({"objective": "count:poisson", "max_depth": 2}, x, np.exp(signal / 3), 2))
    keep("softmax", train({"objective": "multi:softmax", "num_class": 3, "max_depth": 2}, x, labels3, 1))
    categories = np.nan_to_num(np.floor(np.abs(x[:, 0]) * 2)).clip(0, 4).astype(np.float32)
    xc = np.column_stack([categories, x[:, 1:]])
    matrix = xgb.DMatrix(xc, signal, enable_categorical=True, feature_types=["c"] + ["q"] * (FEATURES - 1))
    keep("categorical", xgb.train({"tree_method": "hist", "max_depth": 2, "max_cat_to_onehot": 1, "seed": 42},
                                  matrix, 2))
    # The point of this fixture is a categorical split: make sure xgboost really made one.
    with open(os.path.join(FIXTURES, "refused_categorical.json")) as handle:
        model = json.load(handle)
    assert any(1 in tree["split_type"] for tree in model["learner"]["gradient_booster"]["model"]["trees"])


if __name__ == "__main__":
    main()
