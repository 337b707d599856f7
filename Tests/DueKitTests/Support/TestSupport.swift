import Foundation
import Testing
@testable import DueKit

/// Paths into the repository, found from this file's place so tests run from any directory.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static var samples: String { path("samples") }
}

/// Golden files: the expected output stored beside the test input, compared byte for byte.
/// Run `UPDATE_GOLDENS=1 swift test` to rewrite them after reviewing a change.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" }

    static func check(_ actual: String, against path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if updating {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("missing golden file \(path); run UPDATE_GOLDENS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = Array(zip(e, a)).firstIndex { $0.0 != $0.1 } ?? min(e.count, a.count)
            let want = first < e.count ? String(e[first]) : "<end>"
            let got = first < a.count ? String(a[first]) : "<end>"
            Issue.record("\(path) differs at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)", sourceLocation: sourceLocation)
        }
    }
}

extension Golden {
    /// Fails on every file in `folder` that no test produces any more (a golden of a letter that
    /// is no longer written would otherwise go unnoticed); with UPDATE_GOLDENS=1, deletes them.
    static func checkNoOrphans(in folder: String, produced: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) {
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in present.sorted() where !produced.contains(name) && !name.hasPrefix(".") {
            if updating {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            } else {
                Issue.record("orphan golden \(folder)/\(name): no test produces it any more; delete it (UPDATE_GOLDENS=1 swift test does)", sourceLocation: sourceLocation)
            }
        }
    }
}

/// Runs the built `due` executable, for tests of exit codes and what reaches the terminal.
struct DueRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static var binary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [dir.appendingPathComponent("due").path, Repo.path(".build/debug/due")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> DueRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // An empty value removes the variable.
        for (k, v) in environment { env[k] = v.isEmpty ? nil : v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        // Stderr goes to a file so a large output on either stream cannot block the child.
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("due-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errFile.path])
        }
        let errHandle = try FileHandle(forWritingTo: errFile)
        p.standardError = errHandle
        _ = err
        try p.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try? errHandle.close()
        let errData = (try? Data(contentsOf: errFile)) ?? Data()
        try? FileManager.default.removeItem(at: errFile)
        return DueRun(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// One folder for all of a test run's temporary folders, removed when the run exits: a run
/// makes hundreds, and each run's used to stay behind in the system's temporary folder.
private let testRunFolder: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("due-tests-\(UUID().uuidString)")
    atexit { try? FileManager.default.removeItem(at: testRunFolder) }
    return root
}()

/// A fresh temporary folder per test.
func temporaryDirectory() throws -> String {
    let dir = testRunFolder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}
