import SAXSLearning
import Testing

@Suite struct TreeEnsembleTests {
    @Test func aStumpHasThreeNodes() {
        let tree = RegressionTree(
            leftChildren: [1, -1, -1], rightChildren: [2, -1, -1], splitFeatures: [0, 0, 0],
            splitConditions: [0.5, -1, 1], defaultLeft: [true, false, false],
            lossChanges: [1, 0, 0], sumHessians: [2, 1, 1], baseWeights: [0, -1, 1])
        #expect(tree.nodeCount == 3)
    }
}
