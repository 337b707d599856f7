import Foundation

/// `file://` URIs as LSP sends them, and the paths they name.
public enum DocumentURI {
    public static func path(_ uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var rest = String(uri.dropFirst("file://".count))
        // `file://host/path`: only the local host is meaningful here.
        if !rest.hasPrefix("/"), let slash = rest.firstIndex(of: "/") { rest = String(rest[slash...]) }
        return rest.removingPercentEncoding ?? rest
    }

    public static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?%")
        let absolute = path.hasPrefix("/") ? path : FileSystem.join(FileManager.default.currentDirectoryPath, path)
        return "file://" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)
    }
}
