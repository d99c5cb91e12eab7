/// XGBoost's JSON model (`Booster.save_model("….json")`) as saxsd reads it, field for field (saving writes the
/// text itself: see `XGBoostJSONValue`). Parameters are strings in this format ("num_feature": "8"), and so are
/// they here. Only what prediction needs or what could make it differ from XGBoost's is read; fields that
/// older versions leave out (split types, categories, tree ids) are optional.
struct XGBoostModelFile: Decodable {
    var learner: Learner

    struct Learner: Decodable {
        var featureNames: [String]?
        var gradientBooster: GradientBooster
        var learnerModelParam: [String: String]
        var objective: Objective

        enum CodingKeys: String, CodingKey {
            case featureNames = "feature_names"
            case gradientBooster = "gradient_booster"
            case learnerModelParam = "learner_model_param"
            case objective
        }
    }

    struct Objective: Decodable {
        var name: String
    }

    /// `model` is read only for "gbtree": dart and gblinear keep theirs under other keys and in other shapes,
    /// and are refused by name.
    struct GradientBooster: Decodable {
        var name: String
        var model: Model?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            model = name == "gbtree" ? try container.decode(Model.self, forKey: .model) : nil
        }

        enum CodingKeys: String, CodingKey {
            case name, model
        }
    }

    struct Model: Decodable {
        var categories: CategoryEncoding?
        var gbtreeModelParam: [String: String]
        var treeInfo: [Int]
        var trees: [Tree]

        enum CodingKeys: String, CodingKey {
            case categories = "cats"
            case gbtreeModelParam = "gbtree_model_param"
            case treeInfo = "tree_info"
            case trees
        }
    }

    /// XGBoost 3's re-coding of categorical input; saxsd only needs to know whether there is any.
    struct CategoryEncoding: Decodable {
        var encodedFeatureCount: Int

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            encodedFeatureCount = try container.nestedUnkeyedContainer(forKey: .enc).count ?? 0
        }

        enum CodingKeys: String, CodingKey {
            case enc
        }
    }

    struct Tree: Decodable {
        var baseWeights: [Float]
        var categoriesNodes: [Int]?
        var defaultLeft: [Flag]
        var id: Int?
        var leftChildren: [Int32]
        var lossChanges: [Float]
        var rightChildren: [Int32]
        var splitConditions: [Float]
        var splitIndices: [Int32]
        var splitType: [Int]?
        var sumHessian: [Float]
        var treeParam: [String: String]

        enum CodingKeys: String, CodingKey {
            case baseWeights = "base_weights"
            case categoriesNodes = "categories_nodes"
            case defaultLeft = "default_left"
            case id
            case leftChildren = "left_children"
            case lossChanges = "loss_changes"
            case rightChildren = "right_children"
            case splitConditions = "split_conditions"
            case splitIndices = "split_indices"
            case splitType = "split_type"
            case sumHessian = "sum_hessian"
            case treeParam = "tree_param"
        }
    }

    /// A default direction: 0 or 1 as XGBoost writes it, true or false as some older writers did.
    struct Flag: Decodable {
        var isSet: Bool

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                isSet = flag
            } else {
                isSet = try container.decode(Int.self) != 0
            }
        }
    }
}
