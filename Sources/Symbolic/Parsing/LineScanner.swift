/// A cursor over one line of a program, with the column of every token for error messages.
struct LineScanner {
    let characters: [Character]
    let line: Int
    private(set) var index = 0

    init(_ text: Substring, line: Int) {
        characters = Array(text)
        self.line = line
    }

    var location: SourceLocation { SourceLocation(line: line, column: index + 1) }
    var isAtEnd: Bool {
        var copy = self
        copy.skipSpaces()
        return copy.index >= copy.characters.count
    }

    func error(_ message: String) -> ProgramSyntaxError { ProgramSyntaxError(location, message) }

    mutating func skipSpaces() {
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
    }

    /// Consumes `token` (after spaces) when it comes next.
    mutating func accept(_ token: String) -> Bool {
        skipSpaces()
        let t = Array(token)
        guard index + t.count <= characters.count, Array(characters[index ..< index + t.count]) == t else { return false }
        // A keyword must not run into a name (`all` is not the start of `allx`).
        if let last = t.last, last.isLetter, index + t.count < characters.count,
           Label.isNameCharacter(characters[index + t.count]) { return false }
        index += t.count
        return true
    }

    mutating func expect(_ token: String, _ what: String? = nil) throws(ProgramSyntaxError) {
        let start = peekLocation
        guard accept(token) else { throw ProgramSyntaxError(start, "expected \(what ?? "'\(token)'")\(foundText)") }
    }

    var peekLocation: SourceLocation {
        var copy = self
        copy.skipSpaces()
        return copy.location
    }

    /// ", found 'x'" or ", found the end of the line".
    var foundText: String {
        var copy = self
        copy.skipSpaces()
        guard copy.index < copy.characters.count else { return ", found the end of the line" }
        let rest = String(copy.characters[copy.index...].prefix(12))
        return ", found '\(rest)'"
    }

    /// A run of name characters, with the quoted-byte sugar `b:'x'` allowed inside; nil when none comes next.
    mutating func word() -> String? {
        skipSpaces()
        var text = ""
        while index < characters.count {
            let c = characters[index]
            if c == "'", text.hasSuffix("b:"), index + 2 < characters.count, characters[index + 2] == "'" {
                text += String(characters[index ... index + 2])
                index += 3
            } else if c == ".", index + 1 < characters.count, characters[index + 1] == "." {
                break   // `..` joins a range
            } else if Label.isNameCharacter(c) {
                text.append(c)
                index += 1
            } else {
                break
            }
        }
        return text.isEmpty ? nil : text
    }

    /// A name of an item: `[a-z0-9_.:]+`.
    mutating func name(_ what: String) throws(ProgramSyntaxError) -> String {
        let start = peekLocation
        guard let w = word(), !w.contains("'"), !w.contains("@") else { throw ProgramSyntaxError(start, "expected \(what)\(foundText)") }
        return w
    }

    mutating func integer(_ what: String) throws(ProgramSyntaxError) -> Int {
        let start = peekLocation
        var negative = false
        if accept("-") { negative = true }
        var digits = ""
        while index < characters.count, characters[index].isASCII, characters[index].isNumber {
            digits.append(characters[index])
            index += 1
        }
        let followedByName = index < characters.count && Label.isNameCharacter(characters[index]) && characters[index] != ":"
        guard !followedByName, let value = Int(digits) else { throw ProgramSyntaxError(start, "expected \(what) (an integer)\(foundText)") }
        return negative ? -value : value
    }

    mutating func real(_ what: String) throws(ProgramSyntaxError) -> Double {
        skipSpaces()
        let start = location
        var text = ""
        while index < characters.count, characters[index].isNumber || ".-+eE".contains(characters[index]) {
            text.append(characters[index])
            index += 1
        }
        guard let value = Double(text), value.isFinite else { throw ProgramSyntaxError(start, "expected \(what) (a finite number)\(foundText)") }
        return value
    }

    /// A label: `bos`, `b:41`, `b:'a'`, or a name (inner byte references normalised to their canonical text).
    mutating func label() throws(ProgramSyntaxError) -> Label {
        let start = peekLocation
        guard let w = word() else { throw ProgramSyntaxError(start, "expected a label\(foundText)") }
        return try Self.label(w, at: start)
    }

    static func label(_ w: String, at start: SourceLocation) throws(ProgramSyntaxError) -> Label {
        if w == "bos" { return .bos }
        if w.hasPrefix("b:"), let byte = byteValue(String(w.dropFirst(2))) { return .byte(byte) }
        return .named(try canonicalByteReferences(w, at: start))
    }

    /// `41` or `'a'` → the byte.
    static func byteValue(_ text: String) -> UInt8? {
        let c = Array(text)
        if c.count == 3, c[0] == "'", c[2] == "'", let a = c[1].asciiValue { return a }
        if c.count == 2, let v = UInt8(text, radix: 16) { return v }
        return nil
    }

    /// Every component `b:XX` / `b:'x'` of a dotted name rewritten as `Label.byteText` (so both
    /// spellings are one label): `p1.b:68` and `p1.b:'h'` are both `p1.b:'h'`.
    static func canonicalByteReferences(_ w: String, at start: SourceLocation) throws(ProgramSyntaxError) -> String {
        let c = Array(w)
        var out = "", i = 0
        while i < c.count {
            // One component, from i to the next '.' outside a quoted byte.
            var j = i
            if j + 4 < c.count + 0, c.count - j >= 5, String(c[j ..< j + 3]) == "b:'", c[j + 4] == "'" {
                j += 5
            } else {
                while j < c.count, c[j] != "." { j += 1 }
            }
            let component = String(c[i ..< j])
            if component.hasPrefix("b:"), component != "b:" {
                guard let byte = byteValue(String(component.dropFirst(2))) else {
                    throw ProgramSyntaxError(start, "in \(w): b: must be followed by two hex digits or a quoted character")
                }
                out += Label.byteText(byte)
            } else {
                if component.contains("'") { throw ProgramSyntaxError(start, "in \(w): a quote is allowed only in b:'x'") }
                out += component
            }
            if j < c.count {
                guard c[j] == "." else { throw ProgramSyntaxError(start, "in \(w): a quoted byte ends a name component") }
                out += "."
                j += 1
            }
            i = j
        }
        return out
    }

    /// A label pattern: `*`, `PREFIX*`, `b:'a'..b:'z'`, or a label.
    mutating func pattern() throws(ProgramSyntaxError) -> LabelPattern {
        let start = peekLocation
        if accept("*") { return .all }
        guard let w = word() else { throw ProgramSyntaxError(start, "expected a label or a pattern\(foundText)") }
        if index < characters.count, characters[index] == "*" {
            index += 1
            return .prefix(try Self.canonicalByteReferences(w, at: start))
        }
        let first = try Self.label(w, at: start)
        if accept("..") {
            let endStart = peekLocation
            let last = try label()
            guard case .byte(let a) = first, case .byte(let b) = last else { throw ProgramSyntaxError(endStart, "a range joins two byte labels") }
            guard a <= b else { throw ProgramSyntaxError(endStart, "the range \(first)..\(last) is empty") }
            return .byteRange(a, b)
        }
        return .label(first)
    }
}
