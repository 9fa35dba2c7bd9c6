/// A structural pass over the raw text, before libical sees it.
///
/// libical recovers silently from unbalanced components and drops what it cannot
/// place; this pass refuses such text instead, naming the line, so nothing is lost
/// without the user hearing of it. It reads UTF-8 bytes and makes strings only of
/// BEGIN and END values and of what an error quotes.
enum SyntaxCheck {
    struct Summary {
        /// The top-level components in order; `["VCALENDAR"]` for a well-formed object.
        var topLevel: [String]
        var componentCount: Int
    }

    /// Components that stand alone in other tools' files (khal, vobject exports, mail
    /// bodies) and are read as if wrapped in a VCALENDAR.
    static let wrappable: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"]

    static let maxDepth = 32

    static func check(_ text: String) throws(ICalError) -> Summary {
        var copy = text
        let result = copy.withUTF8 { bytes in
            Result { () throws(ICalError) -> Summary in
                var state = State()
                try state.read(bytes)
                return try state.summary()
            }
        }
        return try result.get()
    }

    /// Where the pass is: open components, what stood at the top level, the logical line
    /// being gathered.
    private struct State {
        var stack: [(name: String, line: Int)] = []
        var topLevel: [String] = []
        var components = 0
        var sawEndOfRoot = false
        var lineNumber = 0
        var lastContentLine = 0
        var logicalStart = 0
        var logical: [UInt8] = []

        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(ICalError) {
            if bytes.contains(0) {
                throw ICalError(.malformed, "the text contains a NUL byte; iCalendar is text")
            }
            var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while index <= bytes.count {
                var end = index
                while end < bytes.count, bytes[end] != 0x0D, bytes[end] != 0x0A { end += 1 }
                lineNumber += 1
                try physicalLine(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                guard end < bytes.count else { break }
                index = end + 1
                if bytes[end] == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
                if index == bytes.count { break }
            }
            try finish()
        }

        mutating func physicalLine(_ raw: UnsafeBufferPointer<UInt8>) throws(ICalError) {
            if let first = raw.first, first == 0x20 || first == 0x09 {
                guard !logical.isEmpty else {
                    if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                    throw ICalError(.malformed, "a continuation line with nothing to continue", line: lineNumber)
                }
                logical.append(contentsOf: raw.dropFirst())
                return
            }
            try finish()
            if raw.isEmpty { return }
            lastContentLine = lineNumber
            logical.append(contentsOf: raw)
            logicalStart = lineNumber
        }

        mutating func finish() throws(ICalError) {
            guard !logical.isEmpty else { return }
            defer { logical.removeAll(keepingCapacity: true) }
            let line = logicalStart
            guard let colon = SyntaxCheck.valueSeparator(in: logical) else {
                throw ICalError(.malformed, "\"\(SyntaxCheck.preview(logical[...]))\" is not a content line (NAME:value)", line: line)
            }
            let nameEnd = logical[..<colon].firstIndex(of: 0x3B) ?? colon
            let name = logical[..<nameEnd]
            guard !name.isEmpty, name.allSatisfy(SyntaxCheck.isNameOctet) else {
                throw ICalError(.malformed, "\"\(SyntaxCheck.preview(logical[..<colon]))\" is not a property name", line: line)
            }
            let isBegin = SyntaxCheck.equalsIgnoringCase(name, "BEGIN")
            guard isBegin || SyntaxCheck.equalsIgnoringCase(name, "END") else {
                if stack.isEmpty {
                    let upper = String(decoding: name, as: UTF8.self).uppercased()
                    throw ICalError(
                        sawEndOfRoot ? .malformed : .notACalendar,
                        sawEndOfRoot ? "\(upper) after END:\(topLevel.last ?? "VCALENDAR")" : "\(upper) outside any component",
                        line: line)
                }
                return
            }
            let upper = isBegin ? "BEGIN" : "END"
            let value = SyntaxCheck.trimmed(logical[(colon + 1)...])
            guard !value.isEmpty else { throw ICalError(.malformed, "\(upper) without a component name", line: line) }
            if isBegin {
                try begin(value, line: line)
            } else {
                try end(value, line: line)
            }
        }

        mutating func begin(_ value: String, line: Int) throws(ICalError) {
            if stack.isEmpty {
                if topLevel.contains("VCALENDAR") || (value == "VCALENDAR" && !topLevel.isEmpty) {
                    throw ICalError(.malformed, "a second top-level \(value); one calendar object per text is expected", line: line)
                }
                guard value == "VCALENDAR" || SyntaxCheck.wrappable.contains(value) else {
                    throw ICalError(.notACalendar, "expected BEGIN:VCALENDAR, found BEGIN:\(value)", line: line)
                }
                topLevel.append(value)
            }
            guard stack.count < SyntaxCheck.maxDepth else {
                throw ICalError(.malformed, "components nested more than \(SyntaxCheck.maxDepth) deep", line: line)
            }
            stack.append((value, line))
            components += 1
        }

        mutating func end(_ value: String, line: Int) throws(ICalError) {
            guard let open = stack.last else {
                throw ICalError(.malformed, "END:\(value) without a matching BEGIN", line: line)
            }
            guard open.name == value else {
                throw ICalError(.malformed, "END:\(value) closes BEGIN:\(open.name) from line \(open.line)", line: line)
            }
            stack.removeLast()
            if stack.isEmpty { sawEndOfRoot = true }
        }

        func summary() throws(ICalError) -> Summary {
            guard !topLevel.isEmpty else {
                throw ICalError(.notACalendar, "no BEGIN:VCALENDAR found")
            }
            if let open = stack.last {
                throw ICalError(.malformed, "BEGIN:\(open.name) on line \(open.line) is never ended", line: lastContentLine)
            }
            return Summary(topLevel: topLevel, componentCount: components)
        }
    }

    /// The colon that separates name and parameters from the value; colons inside
    /// quoted parameter values (`ALTREP="http://..."`) do not count.
    private static func valueSeparator(in line: [UInt8]) -> Int? {
        var quoted = false
        for (index, octet) in line.enumerated() {
            if octet == 0x22 { quoted.toggle() } else if octet == 0x3A && !quoted { return index }
        }
        return nil
    }

    private static func isNameOctet(_ octet: UInt8) -> Bool {
        (octet >= 0x41 && octet <= 0x5A) || (octet >= 0x61 && octet <= 0x7A) || (octet >= 0x30 && octet <= 0x39) || octet == 0x2D
    }

    /// `name` (name octets only) equals the upper-case ASCII `word` ignoring case.
    private static func equalsIgnoringCase(_ name: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard name.count == word.utf8CodeUnitCount else { return false }
        return zip(name, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy { $0 & 0xDF == $1 }
    }

    /// The value without surrounding spaces and tabs, upper-cased.
    private static func trimmed(_ value: ArraySlice<UInt8>) -> String {
        var slice = value
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self).uppercased()
    }

    private static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
