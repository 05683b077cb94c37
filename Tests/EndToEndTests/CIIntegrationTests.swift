import DossierJSON
import Foundation
import Testing

/// The CI integrations, each checked by a real tool: the GitHub Action and the workflow examples by
/// check-jsonschema (GitHub's and GitLab's schemas), the action's scripts by running them with the
/// built binary, and the pre-commit hook by pre-commit itself building and running it. (actionlint
/// is not used: its PyPI package downloads a binary at install time, which cannot be done here.)
@Suite struct CIIntegrationTests {
    static func validate(_ file: String, schema: String) throws {
        let tool = try requiredTool("check-jsonschema")
        let result = try runProgram(tool, ["--builtin-schema", schema, file], in: Paths.repo, timeout: 120)
        #expect(result.status == 0, "\(file) against \(schema): \(result.output)\(result.errors)")
    }

    @Test(.enabled(if: toolTestRuns("check-jsonschema"), "needs check-jsonschema"))
    func theActionValidatesAgainstGitHubsSchema() throws {
        try Self.validate("action.yml", schema: "vendor.github-actions")
    }

    @Test(.enabled(if: toolTestRuns("check-jsonschema"), "needs check-jsonschema"))
    func theWorkflowExamplesValidateAndAreTheOnesTheDocsShow() throws {
        let guide = try String(contentsOfFile: Paths.repo + "/docs/ci.md", encoding: .utf8)
        for (file, schema) in [
            ("docs/examples/dossier.yml", "vendor.github-workflows"),
            ("docs/examples/dossier-changed-files.yml", "vendor.github-workflows"),
            ("docs/examples/gitlab-ci.yml", "vendor.gitlab-ci"),
        ] {
            try Self.validate(file, schema: schema)
            let example = try String(contentsOfFile: Paths.repo + "/" + file, encoding: .utf8)
            #expect(guide.contains("```yaml\n\(example)```"), "docs/ci.md does not show \(file) as it is")
        }
    }

    /// A workspace with a clean article, and optionally a broken one, in a folder below `root`.
    static func project(broken: Bool) throws -> String {
        let root = try temporaryFolder("ci-project")
        try FileManager.default.createDirectory(atPath: root + "/news", withIntermediateDirectories: true)
        let files = [
            "news/dossier.json": "{}\n",
            "news/cast.md": "---\ntype: cast\n---\n\n## Lloyd Austin {#lloyd-austin .person}\n\n- role: U.S. Secretary of Defense\n",
            "news/clean.md": "[Lloyd Austin](@lloyd-austin) said [he had concerns]{.claim by=@lloyd-austin cue=said}.\n",
            "news/warned.md": "The Pentagon reportedly objected.\n",
            "README.md": "Not an article.\n",
        ].merging(broken ? ["news/broken.md": "[Lloyd Austin](@loyd-austin) testified.\n"] : [:]) { $1 }
        for (path, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path)) }
        return root
    }

    /// Runs one of the action's scripts as its step would, with the built dossier on PATH.
    static func runStep(_ script: String, in directory: String, _ inputs: [String: String]) throws -> (CommandResult, [String: String]) {
        let bash = try requiredTool("bash")
        let binary = try #require(Paths.binary)
        let outputFile = try temporaryFolder("github-output") + "/output"
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        var environment = inputs
        environment["GITHUB_OUTPUT"] = outputFile
        environment["GITHUB_ACTION_PATH"] = Paths.repo
        environment["PATH"] = (binary as NSString).deletingLastPathComponent + ":" + ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"]
        let result = try runProgram(bash, [Paths.repo + "/action/" + script], in: directory, environment: environment)
        var outputs: [String: String] = [:]
        for line in try String(contentsOfFile: outputFile, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { outputs[String(parts[0])] = String(parts[1]) }
        }
        return (result, outputs)
    }

    @Test(.enabled(if: toolTestRuns("bash"), "needs bash"))
    func theActionFindsDossierOnThePathOrAsksForABuild() throws {
        let (found, foundOutputs) = try Self.runStep("find-dossier.sh", in: Paths.repo, ["INPUT_BUILD": "auto"])
        #expect(found.status == 0, "\(found.output)\(found.errors)")
        #expect(foundOutputs["build"] == "false")
        let (bad, _) = try Self.runStep("find-dossier.sh", in: Paths.repo, ["INPUT_BUILD": "sometimes"])
        #expect(bad.status == 2)
        let bash = try requiredTool("bash")
        #expect(try runProgram(bash, ["-n", Paths.repo + "/action/build-dossier.sh"], in: Paths.repo).status == 0)
    }

    /// Asked to build, the action names a cache key for the build (it needs a Swift toolchain to ask for one).
    @Test(.enabled(if: toolTestRuns("bash", "swift"), "needs bash and swift"))
    func theActionBuildsWhenAskedWithACacheKey() throws {
        _ = try requiredTool("swift")
        let (build, buildOutputs) = try Self.runStep("find-dossier.sh", in: Paths.repo, ["INPUT_BUILD": "always", "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64"])
        #expect(build.status == 0, "\(build.output)\(build.errors)")
        #expect(buildOutputs["build"] == "true")
        #expect(buildOutputs["cache-key"]?.hasPrefix("dossier-Linux-X64-") == true, "\(buildOutputs)")
    }

    @Test(.enabled(if: toolTestRuns("bash"), "needs bash"))
    func theActionsCheckStepAnnotatesWritesSARIFAndFailsAsDossierDoes() throws {
        let clean = try Self.project(broken: false)
        let (passed, passedOutputs) = try Self.runStep("check.sh", in: clean, ["INPUT_PATHS": "news", "INPUT_MIN_SEVERITY": "information"])
        #expect(passed.status == 0, "\(passed.output)\(passed.errors)")
        #expect(passedOutputs["exit-code"] == "0")
        #expect(passed.output.contains("::warning file=news/warned.md,line=1,col=14"), "\(passed.output)")
        let sarifPath = clean + "/" + (passedOutputs["sarif-file"] ?? "dossier.sarif")
        let sarif = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: sarifPath))))
        #expect(sarif["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue == "news/warned.md")

        let (limited, limitedOutputs) = try Self.runStep("check.sh", in: clean, [
            "INPUT_PATHS": "news", "INPUT_MAX_WARNINGS": "0", "ACTION_REPOSITORY": "someone/dossier", "ACTION_REF": "v9",
            "GITHUB_SERVER_URL": "https://github.example", "INPUT_SARIF_FILE": "out.sarif",
        ])
        #expect(limited.status == 1, "more warnings than max-warnings fail the step")
        #expect(limitedOutputs["exit-code"] == "1")
        let linked = try String(contentsOfFile: clean + "/out.sarif", encoding: .utf8)
        #expect(linked.contains("https://github.example/someone/dossier/blob/v9/docs/rules/vague-attribution.md"))

        let broken = try Self.project(broken: true)
        let (failed, failedOutputs) = try Self.runStep("check.sh", in: broken, ["INPUT_PATHS": "news/clean.md news/missing.md"])
        #expect(failed.status == 2, "a path that does not exist stops the check: \(failed.errors)")
        #expect(failedOutputs["exit-code"] == "2")
        #expect(failed.output.contains("::error title=dossier::"), "\(failed.output)")
        let (errors, errorOutputs) = try Self.runStep("check.sh", in: broken, ["INPUT_PATHS": "news/clean.md\nnews/broken.md"])
        #expect(errors.status == 1)
        #expect(errorOutputs["exit-code"] == "1")
        #expect(errors.output.contains("::error file=news/broken.md,line=1,col=16"), "\(errors.output)")
        #expect(!errors.output.contains("clean.md"))
    }

    /// The hook as a user adds it: pre-commit clones this repository at HEAD (committed state only),
    /// builds it with `swift build -c release` (language: swift) and runs the hook on a commit's files.
    /// The store is kept in .build/test-output, so a rerun at the same HEAD skips the build.
    @Test(.enabled(if: toolTestRuns("pre-commit", "git", "swift"), "needs pre-commit, git and swift"))
    func thePreCommitHookFailsOnABrokenArticleAndPassesOnACleanOne() throws {
        let preCommit = try requiredTool("pre-commit")
        let git = try requiredTool("git")
        #expect(try runProgram(preCommit, ["validate-manifest", ".pre-commit-hooks.yaml"], in: Paths.repo).status == 0)
        let head = try runProgram(git, ["rev-parse", "HEAD"], in: Paths.repo).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let store = try testOutputFolder() + "/pre-commit-store"
        // One build per HEAD: a store left by another commit is dropped rather than grown.
        if (try? String(contentsOfFile: store + "/.dossier-head", encoding: .utf8)) != head {
            try? FileManager.default.removeItem(atPath: store)
            try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
            try Data(head.utf8).write(to: URL(fileURLWithPath: store + "/.dossier-head"))
        }
        let project = try Self.project(broken: true)
        let config = "repos:\n  - repo: \(Paths.repo)\n    rev: \(head)\n    hooks:\n      - id: dossier\n"
        try Data(config.utf8).write(to: URL(fileURLWithPath: project + "/.pre-commit-config.yaml"))
        let environment = ["PRE_COMMIT_HOME": store, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"]
        for arguments in [["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "articles"]] {
            let result = try runProgram(git, arguments, in: project, environment: environment)
            #expect(result.status == 0, "git \(arguments): \(result.errors)")
        }
        let passes = try runProgram(preCommit, ["run", "dossier", "--files", "news/clean.md", "README.md"], in: project, environment: environment, timeout: 900)
        #expect(passes.status == 0, "\(passes.output)\(passes.errors)")
        #expect(passes.output.contains("Passed"), "\(passes.output)")
        let fails = try runProgram(preCommit, ["run", "dossier", "--files", "news/clean.md", "news/broken.md"], in: project, environment: environment, timeout: 900)
        #expect(fails.status == 1, "\(fails.output)\(fails.errors)")
        #expect(fails.output.contains("Failed"))
        #expect(fails.output.contains("broken.md:1:16: error: no actor has the id `loyd-austin`"), "\(fails.output)")
    }
}
