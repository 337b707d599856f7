import Testing
@testable import DueKit

/// The short paths a report takes thousands of times a run give what the general ones give.
@Suite struct ReportSpeedEquivalenceTests {
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
