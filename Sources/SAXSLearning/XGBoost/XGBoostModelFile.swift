/// XGBoost's JSON model (`Booster.save_model("….json")`), the parts saxsd reads and writes, field for field.
/// Parameters are strings in this format ("num_feature": "8"), and so are they here. Fields that older
/// versions leave out (split types, categories, the round boundaries) are optional when read.
struct XGBoostModelFile: Codable {
    var learner: Learner
    var version: [Int]?

    struct Learner: Codable {
        var attributes: [String: String]?
        var featureNames: [String]?
        var featureTypes: [String]?
        var gradientBooster: GradientBooster
        var learnerModelParam: [String: String]
        var objective: Objective

        enum CodingKeys: String, CodingKey {
            case attributes
            case featureNames = "feature_names"
            case featureTypes = "feature_types"
            case gradientBooster = "gradient_booster"
            case learnerModelParam = "learner_model_param"
            case objective
        }
    }

    struct Objective: Codable {
        var name: String
        var regLossParam: [String: String]?
        var softmaxMulticlassParam: [String: String]?

        enum CodingKeys: String, CodingKey {
            case name
            case regLossParam = "reg_loss_param"
            case softmaxMulticlassParam = "softmax_multiclass_param"
        }
    }

    /// `model` is read only for "gbtree": dart and gblinear keep theirs under other keys and in other shapes,
    /// and are refused by name.
    struct GradientBooster: Codable {
        var name: String
        var model: Model?

        init(name: String, model: Model) {
            self.name = name
            self.model = model
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            model = name == "gbtree" ? try container.decode(Model.self, forKey: .model) : nil
        }

        enum CodingKeys: String, CodingKey {
            case name, model
        }
    }

    struct Model: Codable {
        var categories: CategoryEncoding?
        var gbtreeModelParam: [String: String]
        var iterationIndptr: [Int]?
        var treeInfo: [Int]
        var trees: [Tree]

        enum CodingKeys: String, CodingKey {
            case categories = "cats"
            case gbtreeModelParam = "gbtree_model_param"
            case iterationIndptr = "iteration_indptr"
            case treeInfo = "tree_info"
            case trees
        }
    }

    /// XGBoost 3's re-coding of categorical input; saxsd only needs to know whether there is any, and writes none.
    struct CategoryEncoding: Codable {
        var encodedFeatureCount: Int

        init(encodedFeatureCount: Int) {
            self.encodedFeatureCount = encodedFeatureCount
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            encodedFeatureCount = try container.nestedUnkeyedContainer(forKey: .enc).count ?? 0
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            for key in [CodingKeys.enc, .featureSegments, .sortedIndices] {
                _ = container.nestedUnkeyedContainer(forKey: key)
            }
        }

        enum CodingKeys: String, CodingKey {
            case enc
            case featureSegments = "feature_segments"
            case sortedIndices = "sorted_idx"
        }
    }

    struct Tree: Codable {
        var baseWeights: [Float]
        var categories: [Int]?
        var categoriesNodes: [Int]?
        var categoriesSegments: [Int]?
        var categoriesSizes: [Int]?
        var defaultLeft: [Flag]
        var id: Int?
        var leftChildren: [Int32]
        var lossChanges: [Float]
        var parents: [Int32]?
        var rightChildren: [Int32]
        var splitConditions: [Float]
        var splitIndices: [Int32]
        var splitType: [Int]?
        var sumHessian: [Float]
        var treeParam: [String: String]

        enum CodingKeys: String, CodingKey {
            case baseWeights = "base_weights"
            case categories
            case categoriesNodes = "categories_nodes"
            case categoriesSegments = "categories_segments"
            case categoriesSizes = "categories_sizes"
            case defaultLeft = "default_left"
            case id
            case leftChildren = "left_children"
            case lossChanges = "loss_changes"
            case parents
            case rightChildren = "right_children"
            case splitConditions = "split_conditions"
            case splitIndices = "split_indices"
            case splitType = "split_type"
            case sumHessian = "sum_hessian"
            case treeParam = "tree_param"
        }
    }

    /// A default direction: 0 or 1 as XGBoost writes it, true or false as some older writers did.
    struct Flag: Codable {
        var isSet: Bool

        init(_ isSet: Bool) {
            self.isSet = isSet
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                isSet = flag
            } else {
                isSet = try container.decode(Int.self) != 0
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(isSet ? 1 : 0)
        }
    }
}
