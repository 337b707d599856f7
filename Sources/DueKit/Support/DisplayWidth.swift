/// How many columns of a terminal a text takes, for lining a caret up under it and for padding
/// the columns of every table `due` lays out in plain text (the reports, the agenda, a letter's
/// plain-text form): a wide character (Chinese, Japanese, Korean, fullwidth forms, an emoji)
/// takes two, a combining mark or an invisible joiner none, any other character one. Counted by
/// character, as a terminal draws them: `é` written as `e` and an accent is one column, a
/// family emoji joined by zero-width joiners one emoji of two. (Control characters are shown as
/// symbols of one column before this is asked: `DiagnosticRenderer.visible`.)
enum DisplayWidth {
    /// The columns `scalars` take, read as one text.
    static func of<S: Sequence>(_ scalars: S) -> Int where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return of(String(view))
    }

    /// The columns `text` takes.
    static func of(_ text: String) -> Int {
        // Plain ASCII, most ledger text, is a column a byte, counted without making characters:
        // a large aging asks this of every cell of hundreds of thousands of rows, twice.
        var n = 0
        for b in text.utf8 {
            if b >= 0x80 { return text.reduce(0) { $0 + width(of: $1) } }
            n += 1
        }
        return n
    }

    /// The columns one character takes: 2, 1 or 0.
    static func width(of c: Character) -> Int {
        var spacing = false
        for u in c.unicodeScalars {
            if isWide(u) { return 2 }
            // A text symbol asked to be shown as an emoji (`❤️`) is drawn as one.
            if u.value == 0xFE0F, c.unicodeScalars.first?.properties.isEmoji == true { return 2 }
            if !isZeroWidth(u) { spacing = true }
        }
        return spacing ? 1 : 0
    }

    /// Marks drawn over the character before them, and characters that are not drawn.
    static func isZeroWidth(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return (0x1160...0x11FF).contains(u.value)  // Hangul vowels and finals, joined to the syllable before
        }
    }

    /// East Asian wide and fullwidth characters (Unicode's East Asian Width W and F), and
    /// emoji shown as emoji by default.
    static func isWide(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        guard v >= 0x1100 else { return false }
        if u.properties.isEmojiPresentation { return true }
        return wideRanges.contains { $0.contains(v) }
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
