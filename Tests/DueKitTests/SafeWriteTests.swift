import Foundation
import Testing
@testable import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func modificationTime(_ path: String) -> Int {
    var st = stat()
    guard stat(path, &st) == 0 else { return -1 }
    return Int(st.st_mtim.tv_sec)
}

private func backdate(_ path: String) {
    var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
    _ = utimensat(AT_FDCWD, path, &times, 0)
}

@Suite struct SafeWriteTests {
    @Test func writeReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/studio.aging.md"
        #expect(try SafeFileWriter.write("first\n", to: path) == .written)
        #expect(try SafeFileWriter.write("second\n", to: path) == .written)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["studio.aging.md"])
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o644)
    }

    @Test func identicalContentLeavesTheFileUntouched() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/studio.agenda.md"
        try SafeFileWriter.write("same\n", to: path)
        backdate(path)
        #expect(try SafeFileWriter.write("same\n", to: path) == .unchanged)
        #expect(modificationTime(path) == 1_000_000_000)
        #expect(try SafeFileWriter.write("changed\n", to: path) == .written)
        #expect(modificationTime(path) != 1_000_000_000)
    }

    /// Paths asked about together are refused as each asked alone would be: a folder asked
    /// once still refuses the first path into it, and a read-only file is refused in a folder
    /// already asked.
    @Test func pathsAskedTogetherAreRefusedAsEachAlone() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/ok", withIntermediateDirectories: false)
        try "x".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
        try "x".write(toFile: dir + "/ok/locked", atomically: false, encoding: .utf8)
        chmod(dir + "/ok/locked", 0o444)
        let fine = (0..<300).map { dir + "/ok/draft-\($0).md" } + [dir + "/new/deeper/a.md", dir + "/new/deeper/b.md"]
        try SafeFileWriter.checkWritable(fine)
        for (paths, refused) in [
            (fine + [dir + "/file/x.md", dir + "/file/y.md"], dir + "/file/x.md"),
            (fine + [dir + "/ok/locked"], dir + "/ok/locked"),
        ] {
            #expect {
                try SafeFileWriter.checkWritable(paths)
            } throws: { error in
                (error as? WriteError)?.path == refused
            }
            // Asked one at a time, the first refused is the same.
            let first = paths.first { path in
                (try? SafeFileWriter.checkWritable(path)) == nil
            }
            #expect(first == refused)
        }
    }

    @Test func aFileInTheWayOfTheFolderGivesPathAndReason() throws {
        let dir = try temporaryDirectory()
        try "not a folder".write(toFile: dir + "/letters", atomically: false, encoding: .utf8)
        let target = dir + "/letters/acme.txt"
        #expect {
            try SafeFileWriter.write("Dear Jane\n", to: target)
        } throws: { error in
            guard let e = error as? WriteError else { return false }
            return e.path == target && e.description.contains("cannot write '\(target)': ") && !e.reason.isEmpty
        }
        #expect(try String(contentsOfFile: dir + "/letters", encoding: .utf8) == "not a folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["letters"])
    }

    @Test func aFolderInTheWayOfTheFileIsAnError() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/out.md", withIntermediateDirectories: false)
        #expect(throws: WriteError.self) { try SafeFileWriter.write("x", to: dir + "/out.md") }
        #expect(FileSystem.isDirectory(dir + "/out.md"))
    }

    @Test func readOnlyFolderKeepsTheEarlierOutputIntact() throws {
        // root writes into read-only folders, so the failure cannot be provoked that way.
        guard getuid() != 0 else { return }
        let dir = try temporaryDirectory()
        let path = dir + "/studio.aging.md"
        try SafeFileWriter.write("earlier\n", to: path)
        chmod(dir, 0o555)
        defer { chmod(dir, 0o755) }
        #expect {
            try SafeFileWriter.write("later\n", to: path)
        } throws: { error in
            guard let e = error as? WriteError else { return false }
            return e.path == path && e.reason.lowercased().contains("permission")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "earlier\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["studio.aging.md"])
    }

    @Test func safeNamesStayInTheirFolder() {
        let nasty = [
            "..", ".", "../x", "../../etc/passwd", "a/b", "/abs", ".hidden", "...", "a\\b", "CON", "con", "nul",
            "PRN", "aux", "com1", "LPT9", "", " ", "-", "--x", "x-", "a b", "Ünïcødé", "شركة", "אור", "🎨",
            "Zoe\u{301}", "Zoé", "a\u{0}b", "\u{202E}evil", String(repeating: "z", count: 500), "acme", "ACME", "Acme",
        ]
        for id in nasty {
            let c = SafeName.component(id)
            #expect(!c.isEmpty, "'\(id)'")
            #expect(c.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }, "'\(id)' -> '\(c)'")
            #expect(c == c.lowercased() || c == c.uppercased(), "'\(id)' -> '\(c)' mixes cases")
            #expect(!c.hasPrefix("-") && !c.hasPrefix(".") && c != "." && c != "..", "'\(id)' -> '\(c)'")
            #expect(c.count <= 48 + 18, "'\(id)' -> '\(c)'")
        }
        // Ids that are already good file names are used as they are.
        for plain in ["acme", "2026-014", "harbour-vine", "a1", "0688-XNJRO", "ACME", "ACME_2", "studio_ltd"] {
            #expect(SafeName.component(plain) == plain)
        }
        #expect(SafeName.component("Acme").hasPrefix("acme--"))
        for reserved in ["con", "nul", "prn", "aux", "com1", "lpt9", "CON", "LPT9"] {
            #expect(SafeName.component(reserved) != reserved)
        }
    }

    /// Different ids never share a file name: a property over many generated ids, including
    /// near-twins that differ only in case, punctuation or accents.
    @Test func differentIdsGiveDifferentNames() {
        var generator = SplitMix(seed: 6)
        let alphabet: [Character] = ["a", "b", "A", "B", "0", "1", "-", "_", ".", "/", "#", " ", "é", "e\u{301}", "ß", "🎨", "ا", "\\", ":"]
        var ids: Set<String> = ["acme", "ACME", "Acme", "a-b", "a_b", "a.b", "a/b", "a b", "a--b", "con", "CON"]
        while ids.count < 20_000 {
            let length = 1 + Int(generator.next() % 8)
            ids.insert(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        var seen: [String: String] = [:]
        for id in ids.sorted() {
            let c = SafeName.component(id)
            if let other = seen[c] {
                Issue.record("'\(id)' and '\(other)' both become '\(c)'")
            }
            seen[c] = id
        }
        #expect(seen.count == ids.count)
        // Named together, as a ledger's clients are, they stay apart on a file system that
        // ignores case too.
        let names = SafeName.components(ids)
        var folded: [String: String] = [:]
        for id in ids.sorted() {
            let c = names[id]!.lowercased()
            if let other = folded[c] { Issue.record("'\(id)' and '\(other)' both become '\(c)' ignoring case") }
            folded[c] = id
        }
        #expect(folded.count == ids.count)
        #expect(SafeName.components(["0688-XNJRO", "acme"]) == ["0688-XNJRO": "0688-XNJRO", "acme": "acme"])
    }

    /// A letter's file name keeps letters beyond ASCII, in NFC and lower case: `müller` reads
    /// as it is written, where it became `m-ller--…`; ASCII ids keep the names they had.
    @Test func fileNamesKeepLettersBeyondASCII() {
        #expect(SafeName.fileComponent("müller") == "müller")
        #expect(SafeName.fileComponent("dvořák19") == "dvořák19")
        #expect(SafeName.fileComponent("北京-1") == "北京-1")
        // NFD, capitals, and what no file name should hold get the digest after a readable form.
        let nfd = SafeName.fileComponent("mu\u{308}ller")
        #expect(nfd.hasPrefix("müller--") && nfd.unicodeScalars.count == "müller--".unicodeScalars.count + 16, "\(nfd)")
        #expect(SafeName.fileComponent("Müller").hasPrefix("müller--"))
        #expect(SafeName.fileComponent("müller/../x").hasPrefix("müller-x--"))
        #expect(SafeName.fileComponent("com¹").hasPrefix("com¹--"))  // COM1 to Windows
        for plain in ["acme", "2026-014", "harbour-vine", "0688-XNJRO", "ACME", "ACME_2", "Acme", "a b", "con"] {
            #expect(SafeName.fileComponent(plain) == SafeName.component(plain))
        }
        let nasty = ["Ünïcødé", "شركة", "אור", "🎨", "Zoe\u{301}", "Zoé", "a\u{0}bé", "\u{202E}évil", "é\u{200B}x", "ü:x", "ü\\x", "ü?x", "ü*x", "ü\"x", "ü<x>", "ü|x",
                     "ǅ", "İstanbul", "ß", "\u{301}é", "é.", "é ", String(repeating: "ü", count: 500), String(repeating: "字", count: 60), "e\u{301}\u{301}\u{301}\u{301}\u{301}", "ｃｏｎ"]
        for id in nasty {
            let c = SafeName.fileComponent(id)
            #expect(!c.isEmpty && !c.hasPrefix("-") && !c.hasPrefix("."), "'\(id)' -> '\(c)'")
            #expect(c.utf8.elementsEqual(SafeName.nfc(c).utf8) && c == c.lowercased(), "'\(id)' -> '\(c)'")
            #expect(c.unicodeScalars.allSatisfy { u in
                u.value >= 0x80 ? SafeName.isLetterOrNumber(u) || SafeName.isMark(u) : (u.value >= 0x61 && u.value <= 0x7A) || (u.value >= 0x30 && u.value <= 0x39) || u == "-" || u == "_"
            }, "'\(id)' -> '\(c)'")
            #expect(c.utf8.count <= 48 * 4, "'\(id)' -> '\(c)' is \(c.utf8.count) bytes")
        }
        // Ids equal but for case, in one ledger, stay apart where file names ignore case; an
        // ASCII one among them keeps its name.
        let names = SafeName.components(["müller", "Müller", "MÜLLER", "sam", "ſam", "acme"])
        #expect(names["müller"] == "müller" && names["Müller"]!.hasPrefix("müller--") && names["MÜLLER"]!.hasPrefix("müller--") && names["Müller"] != names["MÜLLER"])
        let twins = SafeName.components(["ſü", "sü"])
        #expect(twins["ſü"]!.hasPrefix("ſü--") && twins["sü"]!.hasPrefix("sü--"))
        #expect(names["sam"] == "sam" && names["ſam"]!.hasPrefix("ſam--") && names["acme"] == "acme")
        #expect(SafeName.components(["müller", "dvořák"]) == ["müller": "müller", "dvořák": "dvořák"])
    }

    /// Different ids never share a letter's file name, also beyond ASCII and ignoring case.
    @Test func differentIdsGiveDifferentFileNames() {
        var generator = SplitMix(seed: 7)
        let alphabet: [Character] = ["a", "A", "0", "-", "_", ".", "é", "e\u{301}", "É", "ß", "ſ", "s", "🎨", "ا", "字", "\\", ":", "ü", "Ü", "\u{200B}"]
        var ids: Set<String> = ["müller", "Müller", "mu\u{308}ller", "com¹", "COM¹"]
        while ids.count < 20_000 {
            let length = 1 + Int(generator.next() % 7)
            ids.insert(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        var seen: [String: String] = [:]
        for id in ids.sorted() {
            let c = SafeName.fileComponent(id)
            if let other = seen[c] { Issue.record("'\(id)' and '\(other)' both become '\(c)'") }
            seen[c] = id
        }
        let names = SafeName.components(ids)
        var folded: [String: String] = [:]
        for id in ids.sorted() {
            let c = SafeName.caseFolded(names[id]!)
            if let other = folded[c] { Issue.record("'\(id)' and '\(other)' both become '\(c)' ignoring case") }
            folded[c] = id
        }
        #expect(folded.count == Set(ids).count)
    }

    // MARK: keeping the file's identity

    @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
        try "old\n".write(toFile: dir + "/real/ledger.due", atomically: false, encoding: .utf8)
        #expect(symlink("real/ledger.due", dir + "/ledger.due") == 0)
        #expect(try SafeFileWriter.write("new\n", to: dir + "/ledger.due") == .written)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/ledger.due") == "real/ledger.due")
        #expect(try String(contentsOfFile: dir + "/real/ledger.due", encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/real") == ["ledger.due"])
    }

    @Test func permissionsAreKept() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/private.due"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        try SafeFileWriter.write("new\n", to: path)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o7777 == 0o600)
        chmod(path, 0o640)
        try SafeFileWriter.write("newer\n", to: path)
        #expect(stat(path, &st) == 0 && st.st_mode & 0o7777 == 0o640)
    }

    @Test func aReadOnlyFileIsRefusedAndLeftAlone() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/locked.due"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o444)
        #expect {
            try SafeFileWriter.write("new\n", to: path)
        } throws: { error in
            (error as? WriteError)?.reason.contains("read-only") == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        // Writing what it already holds is no change, and no error.
        #expect(try SafeFileWriter.write("old\n", to: path) == .unchanged)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["locked.due"])
    }

    /// Written in pieces, an output is compared with the old file as it comes: whatever the old
    /// file held (nothing, the same, less, more, a change in the middle), the new one holds
    /// exactly the pieces, and a file that already holds them is not touched.
    @Test func aStreamWrittenInPiecesReplacesWhateverWasThere() throws {
        let dir = try temporaryDirectory()
        let new = Array("line one\nline two\nline three\n".utf8)
        let olds: [String?] = [nil, "", "line one\nline two\nline three\n", "line one\nline two\n", "line one\nline two\nline three\nline four\n", "line one\nLINE two\nline three\n", "x"]
        for (k, old) in olds.enumerated() {
            for size in [1, 4, 9, new.count] {
                let path = dir + "/out\(k)-\(size).journal"
                if let old {
                    try old.write(toFile: path, atomically: false, encoding: .utf8)
                    backdate(path)
                }
                let outcome = try SafeFileWriter.write(to: path) { (s: inout SafeFileWriter.Stream) throws(WriteError) in
                    for start in stride(from: 0, to: new.count, by: size) { try s.write(Array(new[start..<min(new.count, start + size)])) }
                }
                let same = old.map { Array($0.utf8) == new } ?? false
                #expect(try FileSystem.readFile(path) == new, "old \(old ?? "none"), pieces of \(size)")
                #expect(outcome == (same ? .unchanged : .written))
                #expect((modificationTime(path) == 1_000_000_000) == same)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.contains(".tmp-") })
    }

    /// A stream longer than the step at which the disk is asked to take what was written holds
    /// exactly its pieces, whether it replaces nothing or a file with the same first megabytes:
    /// the disk was asked to take all but the last few megabytes before the stream finished.
    @Test func aLongStreamIsHandedToTheDiskAsItGrows() throws {
        let dir = try temporaryDirectory()
        let step = SafeFileWriter.Stream.writeBackEvery
        let new = (0..<(2 * step + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) }
        for old in [nil, Array(new[..<(step + 999)]) + [0x21]] {
            let path = dir + "/long\(old == nil ? "" : "-replacing").journal"
            if let old { try Data(old).write(to: URL(fileURLWithPath: path)) }
            var asked = 0
            try SafeFileWriter.write(to: path) { (s: inout SafeFileWriter.Stream) throws(WriteError) in
                for start in stride(from: 0, to: new.count, by: 1_000_003) { try s.write(Array(new[start..<min(new.count, start + 1_000_003)])) }
                asked = s.askedToTake
            }
            #expect(try FileSystem.readFile(path) == new)
            #expect(asked >= new.count - step && asked <= new.count)
        }
    }

    /// A read-only file is refused when the first differing piece arrives, even late, and
    /// nothing is left behind.
    @Test func aStreamIntoAReadOnlyFileIsRefusedWhenItDiffers() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/locked.journal"
        try "same start\nold end\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o444)
        #expect {
            try SafeFileWriter.write(to: path) { (s: inout SafeFileWriter.Stream) throws(WriteError) in
                try s.write(Array("same start\n".utf8))
                try s.write(Array("new end\n".utf8))
            }
        } throws: { error in
            (error as? WriteError)?.reason.contains("read-only") == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "same start\nold end\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["locked.journal"])
    }

    /// Decision: refuse. A rename would leave the other names holding the old text unnoticed.
    @Test func aFileWithOtherHardLinksIsRefused() throws {
        let dir = try temporaryDirectory()
        try "old\n".write(toFile: dir + "/a.due", atomically: false, encoding: .utf8)
        #expect(link(dir + "/a.due", dir + "/b.due") == 0)
        #expect {
            try SafeFileWriter.write("new\n", to: dir + "/a.due")
        } throws: { error in
            (error as? WriteError)?.reason.contains("1 other hard link") == true
        }
        #expect(try String(contentsOfFile: dir + "/b.due", encoding: .utf8) == "old\n")
        #expect(try String(contentsOfFile: dir + "/a.due", encoding: .utf8) == "old\n")
    }

    @Test func aPipeInTheWayIsRefusedAtOnce() throws {
        let dir = try temporaryDirectory()
        #expect(mkfifo(dir + "/out.md", 0o644) == 0)
        #expect {
            try SafeFileWriter.write("x", to: dir + "/out.md")
        } throws: { error in
            (error as? WriteError)?.reason.contains("not a regular file") == true
        }
    }

    /// What a run killed during a write left behind goes on a later write into the folder;
    /// a temporary file another run is still writing (it holds the lock), or has written and
    /// not yet renamed (it is recent), stays.
    @Test func staleTemporaryFilesAreRemovedLiveOnesKept() throws {
        let dir = try temporaryDirectory()
        let old = Date(timeIntervalSinceNow: -3600)
        for (name, text) in [(".studio.due.tmp-Ab3xYz", "half"), (".studio.aging.md.tmp-QQ12zz", "half"), (".notes.tmp-long-name", "mine"), (".other.md.tmp-L1veL1", "live")] {
            try text.write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: dir + "/" + name)
        }
        try "staged".write(toFile: dir + "/.studio.forecast.md.tmp-N0wN0w", atomically: false, encoding: .utf8)
        let live = open(dir + "/.other.md.tmp-L1veL1", O_RDONLY)
        defer { close(live) }
        #expect(flock(live, LOCK_EX) == 0)
        // flock locks belong to open file descriptions: the writer's own open of it conflicts
        // with this one as another process's would.
        try SafeFileWriter.write("new\n", to: dir + "/studio.due")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(left == [".notes.tmp-long-name", ".other.md.tmp-L1veL1", ".studio.forecast.md.tmp-N0wN0w", "studio.due"])
    }

    /// Two runs writing into one folder at once: neither's clean-up takes the other's finished
    /// temporary file between its write and its rename.
    @Test func concurrentWritersDoNotRemoveEachOthersTemporaries() async throws {
        let dir = try temporaryDirectory()
        let failures = await withTaskGroup(of: Int.self) { group in
            for w in 0..<4 {
                group.addTask {
                    var failed = 0
                    for k in 0..<200 {
                        do { try SafeFileWriter.write("run \(w) pass \(k)\n", to: dir + "/out-\(w).txt") } catch { failed += 1 }
                    }
                    return failed
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func temporaryNamesAreRecognisedExactly() {
        #expect(SafeFileWriter.isTemporaryName(".studio.due.tmp-Ab3xYz"))
        #expect(!SafeFileWriter.isTemporaryName("studio.due.tmp-Ab3xYz"))
        #expect(!SafeFileWriter.isTemporaryName(".studio.due.tmp-Ab3x"))
        #expect(!SafeFileWriter.isTemporaryName(".studio.due.tmp-Ab3x.z"))
        #expect(!SafeFileWriter.isTemporaryName(".tmp-Ab3xYz"))
    }
}
