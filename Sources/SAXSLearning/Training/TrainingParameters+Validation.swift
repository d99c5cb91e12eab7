extension TrainingParameters {
    /// Refuses values XGBoost refuses too, naming the parameter as XGBoost does.
    func validate() throws(TrainingError) {
        func require(_ condition: Bool, _ name: String, _ value: Any, _ range: String) throws(TrainingError) {
            guard condition else { throw TrainingError(.invalidParameter, "\(name) = \(value) must be \(range)") }
        }
        try require(estimatorCount >= 0, "n_estimators", estimatorCount, "0 or more")
        try require(learningRate >= 0 && learningRate.isFinite, "learning_rate", learningRate, "finite and 0 or more")
        try require(maxDepth >= 1, "max_depth", maxDepth, "1 or more")
        try require(minChildWeight >= 0 && minChildWeight.isFinite, "min_child_weight", minChildWeight, "finite and 0 or more")
        try require(lambda >= 0 && lambda.isFinite, "lambda", lambda, "finite and 0 or more")
        try require(gamma >= 0 && gamma.isFinite, "gamma", gamma, "finite and 0 or more")
        try require(subsample > 0 && subsample <= 1, "subsample", subsample, "in (0, 1]")
        try require(columnSampleByTree > 0 && columnSampleByTree <= 1, "colsample_bytree", columnSampleByTree, "in (0, 1]")
        try require((2...65_535).contains(maxBin), "max_bin", maxBin, "in 2 … 65535")
        try require(threads >= 1, "nthread", threads, "1 or more")
        if let baseScore { try require(baseScore.isFinite, "base_score", baseScore, "finite") }
        if let classCount { try require(classCount >= 2, "num_class", classCount, "2 or more") }
        if let earlyStoppingRounds { try require(earlyStoppingRounds >= 1, "early_stopping_rounds", earlyStoppingRounds, "1 or more") }
        try require(effectiveMetric.applies(to: objective), "eval_metric", effectiveMetric.rawValue, "a metric of \(objective.rawValue)")
    }
}
