import Foundation
import Testing
@testable import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Outputs staged side by side end as staging them one after another leaves them: each file
/// holds its own content, unchanged ones are not touched, and one that cannot be written leaves
/// every file as it was and no temporary behind.
@Suite struct SideBySideStagingTests {
    static func outputs(in dir: String, count: Int) -> [SafeFileWriter.Output] {
        (0..<count).map { k in
            let path = dir + "/out-\(k).txt"
            // Text in pieces, bytes in pieces and plain bytes, of many lengths (some empty).
            switch k % 3 {
            case 0: return SafeFileWriter.Output(path: path, content: .text(["file \(k)\n", String(repeating: "x", count: k * 37), "\nend\n"]))
            case 1: return SafeFileWriter.Output(path: path, content: .pieces([Array("fïle \(k)\n".utf8), [], Array(String(repeating: "é", count: k * 11).utf8), Array("\nend\n".utf8)]))
            default: return SafeFileWriter.Output(path: path, content: .bytes(Array(String(repeating: "line \(k)\n", count: k % 7).utf8)))
            }
        }
    }

    /// Each output's file holding "before\n", and two folders, `in-the-way` and
    /// `also-in-the-way`, where the outputs that cannot be written will be sent.
    static func holdBefore(_ outputs: [SafeFileWriter.Output], foldersInTheWayIn dir: String) throws {
        for o in outputs { try "before\n".write(toFile: o.path, atomically: false, encoding: .utf8) }
        try FileManager.default.createDirectory(atPath: dir + "/in-the-way", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: dir + "/also-in-the-way", withIntermediateDirectories: false)
    }

    static func expected(_ output: SafeFileWriter.Output) -> String {
        switch output.content {
        case .text(let pieces): return pieces.joined()
        case .pieces(let pieces): return pieces.map { String(decoding: $0, as: UTF8.self) }.joined()
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func everyFileHoldsItsOwnContentInTheOrderGiven() throws {
        let dir = try temporaryDirectory()
        let outputs = Self.outputs(in: dir, count: 3 * SafeFileWriter.sideBySide + 5)
        // One file already holds its content: left as it is.
        try Self.expected(outputs[4]).write(toFile: outputs[4].path, atomically: false, encoding: .utf8)
        let staged = try SafeFileWriter.stageAll(outputs)
        #expect(staged.map(\.path) == outputs.map(\.path))
        #expect(staged.enumerated().allSatisfy { ($0.element.outcome == .unchanged) == ($0.offset == 4) })
        try SafeFileWriter.commit(staged)
        for o in outputs { #expect(try String(contentsOfFile: o.path, encoding: .utf8) == Self.expected(o), "\(o.path)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == outputs.count)
        #expect(try SafeFileWriter.stageAll([]).isEmpty)
    }

    /// New files get the permissions the process's mask allows, read once for all the
    /// threads; a file replaced keeps its own.
    @Test func newFilesFollowTheMaskAndReplacedOnesKeepTheirPermissions() throws {
        let dir = try temporaryDirectory()
        let outputs = Self.outputs(in: dir, count: 2 * SafeFileWriter.sideBySide)
        try "old\n".write(toFile: outputs[3].path, atomically: false, encoding: .utf8)
        chmod(outputs[3].path, 0o600)
        try SafeFileWriter.commit(try SafeFileWriter.stageAll(outputs))
        let mask = SafeFileWriter.currentUmask()
        for (k, o) in outputs.enumerated() {
            var st = stat()
            #expect(stat(o.path, &st) == 0 && st.st_mode & 0o777 == (k == 3 ? 0o600 : 0o666 & ~mask), "\(o.path)")
        }
    }

    @Test func oneOutputThatCannotBeWrittenLeavesEveryFileAsItWas() throws {
        let dir = try temporaryDirectory()
        var outputs = Self.outputs(in: dir, count: 40)
        try Self.holdBefore(outputs, foldersInTheWayIn: dir)
        // Two outputs in the way of a folder: the earlier one is the failure reported.
        outputs.insert(SafeFileWriter.Output(path: dir + "/also-in-the-way", content: .text(["x"])), at: 31)
        outputs.insert(SafeFileWriter.Output(path: dir + "/in-the-way", content: .text(["x"])), at: 17)
        #expect {
            try SafeFileWriter.stageAll(outputs)
        } throws: { error in
            (error as? WriteError)?.path == dir + "/in-the-way"
        }
        for o in outputs where !FileSystem.isDirectory(o.path) {
            #expect(try String(contentsOfFile: o.path, encoding: .utf8) == "before\n", "\(o.path)")
        }
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 42)
    }

    /// Outputs handed to a queue as they are made, from several threads and out of order,
    /// come back in the order of their slots, the slots never filled left out.
    @Test func aQueueGivesBackItsSlotsInOrderWhateverOrderTheyCameIn() throws {
        let dir = try temporaryDirectory()
        let outputs = Self.outputs(in: dir, count: 2 * SafeFileWriter.sideBySide + 7)
        // Every third slot stays empty, as a draft with no email form leaves its slot.
        let queue = SafeFileWriter.StagingQueue(slots: 3 * outputs.count)
        DispatchQueue.concurrentPerform(iterations: 4) { lane in
            for k in stride(from: outputs.count - 1 - lane, through: 0, by: -4) { queue.submit(outputs[k], at: 3 * k + 1) }
        }
        let staged = try queue.finish()
        #expect(staged.map(\.path) == outputs.map(\.path))
        try SafeFileWriter.commit(staged)
        for o in outputs { #expect(try String(contentsOfFile: o.path, encoding: .utf8) == Self.expected(o), "\(o.path)") }
        #expect(try SafeFileWriter.StagingQueue(slots: 4).finish().isEmpty)
    }

    /// Outputs staged on the makers' own threads (`stageHere`, as a report's letter forms are)
    /// and outputs handed to the queue's threads end up side by side in slot order; a file
    /// already holding its bytes is left untouched either way, and one reached through a
    /// symbolic link is written to the link's target, the link staying a link.
    @Test func outputsStagedHereAndHandedInComeBackInSlotOrder() throws {
        let dir = try temporaryDirectory()
        var made = Self.outputs(in: dir, count: 3 * SafeFileWriter.sideBySide + 1)
        for k in made.indices where k % 2 == 1 { made[k].durability = .remade }
        let outputs = made
        try Self.expected(outputs[5]).write(toFile: outputs[5].path, atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
        #expect(symlink("real/target.txt", outputs[7].path) == 0)
        let queue = SafeFileWriter.StagingQueue(slots: outputs.count)
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for k in stride(from: lane, to: outputs.count, by: 2) {
                if outputs[k].durability == .remade { queue.stageHere(outputs[k], at: k) } else { queue.submit(outputs[k], at: k) }
            }
        }
        let staged = try queue.finish()
        #expect(staged.map(\.path) == outputs.map(\.path))
        #expect(staged.enumerated().allSatisfy { ($0.element.outcome == .unchanged) == ($0.offset == 5) })
        try SafeFileWriter.commit(staged)
        for o in outputs { #expect(try String(contentsOfFile: o.path, encoding: .utf8) == Self.expected(o), "\(o.path)") }
        var st = stat()
        #expect(lstat(outputs[7].path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: dir + "/real/target.txt", encoding: .utf8) == Self.expected(outputs[7]))
    }

    /// A form that cannot be written on the maker's thread fails the whole queue as one handed
    /// in does: the earliest slot's failure is the one reported, and nothing is replaced.
    @Test func anOutputStagedHereThatCannotBeWrittenLeavesEveryFileAsItWas() throws {
        let dir = try temporaryDirectory()
        let outputs = Self.outputs(in: dir, count: 12)
        try Self.holdBefore(outputs, foldersInTheWayIn: dir)
        let queue = SafeFileWriter.StagingQueue(slots: 14)
        queue.submit(SafeFileWriter.Output(path: dir + "/also-in-the-way", content: .text(["x"])), at: 9)
        queue.stageHere(SafeFileWriter.Output(path: dir + "/in-the-way", content: .text(["x"]), durability: .remade), at: 3)
        for (k, o) in outputs.enumerated() { queue.stageHere(o, at: k < 3 ? k : k < 8 ? k + 1 : k + 2) }
        #expect {
            try queue.finish()
        } throws: { error in
            (error as? WriteError)?.path == dir + "/in-the-way"
        }
        for o in outputs { #expect(try String(contentsOfFile: o.path, encoding: .utf8) == "before\n", "\(o.path)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 14)
    }

    /// Makers that hand in more than the queue may hold wait for the disk, and every output
    /// still arrives: one larger than the limit alone goes in when nothing else is held.
    @Test func aQueueHoldingItsLimitMakesTheMakersWaitAndLosesNothing() throws {
        let dir = try temporaryDirectory()
        let outputs = Self.outputs(in: dir, count: 120)
        let limit = 600
        #expect(outputs.contains { $0.size > limit })
        let queue = SafeFileWriter.StagingQueue(slots: outputs.count, width: 3, heldLimit: limit)
        DispatchQueue.concurrentPerform(iterations: 3) { lane in
            for k in stride(from: lane, to: outputs.count, by: 3) { queue.submit(outputs[k], at: k) }
        }
        let staged = try queue.finish()
        #expect(staged.map(\.path) == outputs.map(\.path))
        try SafeFileWriter.commit(staged)
        for o in outputs { #expect(try String(contentsOfFile: o.path, encoding: .utf8) == Self.expected(o), "\(o.path)") }
    }

    @Test func aQueueWithAnOutputThatCannotBeWrittenLeavesEveryFileAsItWas() throws {
        let dir = try temporaryDirectory()
        let outputs = Self.outputs(in: dir, count: 30)
        try Self.holdBefore(outputs, foldersInTheWayIn: dir)
        let queue = SafeFileWriter.StagingQueue(slots: 32)
        // The later slot is handed in first; the failure reported is the earlier slot's.
        queue.submit(SafeFileWriter.Output(path: dir + "/also-in-the-way", content: .text(["x"])), at: 24)
        for (k, o) in outputs.enumerated() { queue.submit(o, at: k < 11 ? k : k < 23 ? k + 1 : k + 2) }
        queue.submit(SafeFileWriter.Output(path: dir + "/in-the-way", content: .text(["x"])), at: 11)
        #expect {
            try queue.finish()
        } throws: { error in
            (error as? WriteError)?.path == dir + "/in-the-way"
        }
        for o in outputs { #expect(try String(contentsOfFile: o.path, encoding: .utf8) == "before\n", "\(o.path)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 32)
    }
}
