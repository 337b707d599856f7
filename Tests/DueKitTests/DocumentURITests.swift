import Foundation
import Testing
@testable import DueKit

/// `due` writes and reads `file://` URIs itself, without Foundation's percent-encoding: the URIs
/// it sends an editor must be the ones an editor (and Foundation) would make of the same path.
struct DocumentURITests {
    static let paths = [
        "/home/ana/books/studio.due", "/tmp/with space/a b.due", "/tmp/é/ledger ü 🚀.due",
        "/tmp/odd#name?.due", "/tmp/100%/x.due", "/tmp/a+b=c&d;e,f(g)h!i$j'k*l~m@n:o.due", "/tmp/[x]{y}|z^`\"<>\\.due",
    ]

    @Test func encodesAsFoundationDoes() {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?%")
        for path in Self.paths {
            #expect(DocumentURI.uri(path) == "file://" + path.addingPercentEncoding(withAllowedCharacters: allowed)!, "\(path)")
        }
    }

    @Test func pathsComeBackFromTheirURIs() {
        for path in Self.paths { #expect(DocumentURI.path(DocumentURI.uri(path)) == path) }
        #expect(DocumentURI.path("file:///tmp/a%20b.due") == "/tmp/a b.due")
        #expect(DocumentURI.path("file://localhost/tmp/x.due") == "/tmp/x.due")
        #expect(DocumentURI.path("file:///tmp/%E2%82%AC.due") == "/tmp/€.due")
        // Escapes that are not escapes, or bytes that are not UTF-8, leave the text as sent.
        for odd in ["/tmp/50%.due", "/tmp/%zz.due", "/tmp/%C3.due", "/tmp/%C3%28.due"] {
            #expect(DocumentURI.path("file://" + odd) == odd)
            #expect(odd.removingPercentEncoding == nil)
        }
        #expect(DocumentURI.path("untitled:Untitled-1") == "untitled:Untitled-1")
    }

    @Test func relativePathsAreMadeAbsolute() {
        let uri = DocumentURI.uri("some/file.due")
        #expect(uri.hasPrefix("file:///") && uri.hasSuffix("/some/file.due"))
        #expect(DocumentURI.path(uri) == FileSystem.join(FileManager.default.currentDirectoryPath, "some/file.due"))
    }
}
