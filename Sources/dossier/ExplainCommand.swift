import DossierDocs
import DossierSyntax

/// `dossier explain [CODE]`: a rule's page, or the list of codes.
struct ExplainCommand {
    var code: String?

    init(_ arguments: ParsedArguments) {
        code = arguments.operands.first
    }

    func run() throws(UsageError) -> Int32 {
        guard let code else {
            let width = RuleCode.allCases.map(\.rawValue.count).max() ?? 0
            for rule in RuleCode.allCases {
                let name = rule.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                let severity = rule.defaultSeverity.name.padding(toLength: 13, withPad: " ", startingAt: 0)
                print("\(name)\(severity)\(rule.summary)")
            }
            return 0
        }
        guard let rule = RuleCode(rawValue: code) else {
            let suggestion = EditDistance.nearest(to: code, in: RuleCode.allCases.map(\.rawValue), limit: max(2, code.count / 3))
            throw UsageError("unknown code `\(code)`" + (suggestion.map { ": did you mean `\($0)`?" } ?? "") + " (`dossier explain` lists them)")
        }
        print(RulePage(code: rule).markdown, terminator: "")
        return 0
    }
}
