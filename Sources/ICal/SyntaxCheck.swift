/// A structural pass over the raw text, before libical sees it.
///
/// libical recovers silently from unbalanced components and drops what it cannot
/// place; this pass refuses such text instead, naming the line, so nothing is lost
/// without the user hearing of it.
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
        if text.utf8.contains(0) {
            throw ICalError(.malformed, "the text contains a NUL byte; iCalendar is text")
        }
        var stack: [(name: String, line: Int)] = []
        var topLevel: [String] = []
        var components = 0
        var sawEndOfRoot = false
        var lineNumber = 0
        var lastContentLine = 0
        var logicalStart = 0
        var logical = ""

        func finish() throws(ICalError) {
            guard !logical.isEmpty else { return }
            defer { logical = "" }
            let line = logicalStart
            guard let colon = valueSeparator(in: logical) else {
                throw ICalError(.malformed, "\"\(preview(logical))\" is not a content line (NAME:value)", line: line)
            }
            let head = logical[..<colon]
            let name = head.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard !name.isEmpty, name.utf8.allSatisfy({ isNameOctet($0) }) else {
                throw ICalError(.malformed, "\"\(preview(String(head)))\" is not a property name", line: line)
            }
            let upper = name.uppercased()
            guard upper == "BEGIN" || upper == "END" else {
                if stack.isEmpty {
                    throw ICalError(
                        sawEndOfRoot ? .malformed : .notACalendar,
                        sawEndOfRoot ? "\(upper) after END:\(topLevel.last ?? "VCALENDAR")" : "\(upper) outside any component",
                        line: line)
                }
                return
            }
            let value = logical[logical.index(after: colon)...].trimmingSpaces().uppercased()
            guard !value.isEmpty else { throw ICalError(.malformed, "\(upper) without a component name", line: line) }
            if upper == "BEGIN" {
                if stack.isEmpty {
                    if topLevel.contains("VCALENDAR") || (value == "VCALENDAR" && !topLevel.isEmpty) {
                        throw ICalError(.malformed, "a second top-level \(value); one calendar object per text is expected", line: line)
                    }
                    guard value == "VCALENDAR" || wrappable.contains(value) else {
                        throw ICalError(.notACalendar, "expected BEGIN:VCALENDAR, found BEGIN:\(value)", line: line)
                    }
                    topLevel.append(value)
                }
                guard stack.count < maxDepth else {
                    throw ICalError(.malformed, "components nested more than \(maxDepth) deep", line: line)
                }
                stack.append((value, line))
                components += 1
            } else {
                guard let open = stack.last else {
                    throw ICalError(.malformed, "END:\(value) without a matching BEGIN", line: line)
                }
                guard open.name == value else {
                    throw ICalError(.malformed, "END:\(value) closes BEGIN:\(open.name) from line \(open.line)", line: line)
                }
                stack.removeLast()
                if stack.isEmpty { sawEndOfRoot = true }
            }
        }

        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for raw in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            lineNumber += 1
            if let first = raw.first, first == " " || first == "\t" {
                guard !logical.isEmpty else {
                    if raw.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                    throw ICalError(.malformed, "a continuation line with nothing to continue", line: lineNumber)
                }
                logical += raw.dropFirst()
                continue
            }
            try finish()
            if raw.isEmpty { continue }
            lastContentLine = lineNumber
            logical = String(raw)
            logicalStart = lineNumber
        }
        try finish()

        guard !topLevel.isEmpty else {
            throw ICalError(.notACalendar, "no BEGIN:VCALENDAR found")
        }
        if let open = stack.last {
            throw ICalError(.malformed, "BEGIN:\(open.name) on line \(open.line) is never ended", line: lastContentLine)
        }
        return Summary(topLevel: topLevel, componentCount: components)
    }

    /// The colon that separates name and parameters from the value; colons inside
    /// quoted parameter values (`ALTREP="http://..."`) do not count.
    private static func valueSeparator(in line: String) -> String.Index? {
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\"" { quoted.toggle() } else if character == ":" && !quoted { return index }
            index = line.index(after: index)
        }
        return nil
    }

    private static func isNameOctet(_ octet: UInt8) -> Bool {
        (octet >= 0x41 && octet <= 0x5A) || (octet >= 0x61 && octet <= 0x7A) || (octet >= 0x30 && octet <= 0x39) || octet == 0x2D
    }

    private static func preview(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
