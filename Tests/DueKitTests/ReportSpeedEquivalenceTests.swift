import Testing
@testable import DueKit

/// The short paths a report takes thousands of times a run give what the general ones give.
@Suite struct ReportSpeedEquivalenceTests {
    @Test func asciiHeaderFoldsWhereCharactersWould() {
        let id = "<due.2026-11-20.a-client-with-a-long-id.final.0123456789abcdef@studo.example>"
        // 77 characters: too long for the header's own line, it starts on the next.
        #expect(LetterEmail.header("Message-ID", id) == "Message-ID:\r\n " + id)
        #expect(LetterEmail.header("Message-ID", id + "x") == "Message-ID: " + id + "x")
        let to = "Ana Lima <ana@lima.example>, Accounts <ap@lima.example>, \"Lima, Ltd\" <x@lima.example>"
        #expect(LetterEmail.header("To", to) == "To: Ana Lima <ana@lima.example>, Accounts <ap@lima.example>, \"Lima, Ltd\"\r\n <x@lima.example>")
        // Two spaces keep an empty word between them, as the general path does.
        #expect(LetterEmail.header("Subject", "a  b") == "Subject: a  b")
        // Beyond ASCII, a character is measured as one: 67 é fit the line beside the name.
        let e = String(repeating: "é", count: 67)
        #expect(LetterEmail.header("Subject", "x " + e) == "Subject: x " + e)
    }

    @Test func fileNameJoinsAsAPathWould() {
        #expect(FileSystem.join("letters", "2026-11-20-acme-reminder.md") == "letters/2026-11-20-acme-reminder.md")
        #expect(FileSystem.join(".", "a.md") == "a.md")
        #expect(FileSystem.join("", "a.md") == "/a.md")
        #expect(FileSystem.join("a/b", "..") == "a")
        #expect(FileSystem.join("a/b", ".") == "a/b")
        #expect(FileSystem.join("a/b", "") == "a/b")
        #expect(FileSystem.join("a/", "c") == "a//c")
    }

    @Test func factKeysComeInTheOrderOfTheirNames() {
        var values = ["total": "100.00 GBP", "total.heading": "100.00 GBP", "client.name": "Acme", "date": "20 November 2026", "plan.adjust": LetterFields.planAdjust, "claim.if": "If they have"]
        #expect(LetterJob.factKeys(values) == ["claim.if", "client.name", "date", "total"])
        values["total.heading"] = "150.00 GBP"
        #expect(LetterJob.factKeys(values) == ["claim.if", "client.name", "date", "total", "total.heading"])
        // A key no placeholder has is sorted in with the rest.
        values["aa.unknown"] = "x"
        #expect(LetterJob.factKeys(values) == ["aa.unknown", "claim.if", "client.name", "date", "total", "total.heading"])
    }

    @Test func templateDropsEmptyLinesAndKeepsOneBlank() {
        let source = "{{date}}\n\n  {{again}}  \n\n\nDear {{client.name}},\n{{on.hold}}\n\n"
        let (template, _) = LetterTemplate.parse(SourceFile(id: -1, path: "t", bytes: Array(source.utf8)))
        #expect(template.render(["date": "1 May", "client.name": "Ana"]) == "1 May\n\nDear Ana,\n")
        #expect(template.render(["date": "1 May", "client.name": "Ana", "again": "Again."]) == "1 May\n\n  Again.  \n\nDear Ana,\n")
        #expect(template.render([:]) == "\nDear ,\n")
        let blank = LetterTemplate.parse(SourceFile(id: -1, path: "t", bytes: Array("{{again}}\n\n".utf8))).0
        #expect(blank.render([:]) == "\n")
    }
}
