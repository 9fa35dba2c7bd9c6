import Foundation

/// An email someone sent us, read as far as SupportCal needs: its headers and the
/// decoded leaf parts of its MIME tree. Anything malformed is an error, never a crash.
public struct InboundMessage: Sendable {
    public struct Part: Sendable {
        /// Lower-cased `type/subtype`.
        public var mediaType: String
        public var parameters: [String: String]
        public var filename: String?
        public var body: [UInt8]
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public private(set) var headers: [(name: String, value: String)] = []
    public private(set) var parts: [Part] = []

    /// Nesting deeper than this is not a real mail client's work.
    private static let maximumDepth = 8

    public init(parsing bytes: [UInt8]) throws(Failure) {
        guard !bytes.isEmpty else { throw Failure(description: "the message is empty") }
        guard bytes.count <= 10 * 1024 * 1024 else { throw Failure(description: "the message is over 10 MB") }
        // Lines are handled with LF ends: Swift treats CR LF as one Character, and mail
        // arrives with either (CRLF on the wire, LF once a local delivery agent stored it).
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let (headers, body) = Self.split(text)
        guard !headers.isEmpty else { throw Failure(description: "the message has no headers") }
        self.headers = headers
        try collect(headers: headers, body: body, depth: 0)
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The sender's address, if the From header holds one.
    public var from: Mailbox? {
        header("From").flatMap { try? Mailbox(parsing: $0) }
    }

    /// The iTIP object: the first text/calendar part, else an .ics attachment.
    public var calendarPart: Part? {
        parts.first { $0.mediaType == "text/calendar" }
            ?? parts.first { $0.mediaType == "application/ics" || $0.filename?.lowercased().hasSuffix(".ics") == true }
    }

    private mutating func collect(headers: [(name: String, value: String)], body: String, depth: Int) throws(Failure) {
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value ?? "text/plain"
        let (mediaType, parameters) = Self.parameters(contentType)
        if mediaType.hasPrefix("multipart/") {
            guard depth < Self.maximumDepth else { throw Failure(description: "the MIME parts nest more than \(Self.maximumDepth) deep") }
            guard let boundary = parameters["boundary"], !boundary.isEmpty else {
                throw Failure(description: "a \(mediaType) part has no boundary parameter")
            }
            for section in Self.sections(of: body, boundary: boundary) {
                let (partHeaders, partBody) = Self.split(section)
                try collect(headers: partHeaders, body: partBody, depth: depth + 1)
            }
            return
        }
        let encoding =
            headers.first { $0.name.lowercased() == "content-transfer-encoding" }?.value.trimmingCharacters(in: .whitespaces) ?? "7bit"
        guard let decoded = TransferEncoding.decode(body, encoding: encoding) else {
            throw Failure(description: "a \(mediaType) part is not valid \(encoding)")
        }
        let disposition = headers.first { $0.name.lowercased() == "content-disposition" }.map { Self.parameters($0.value).1 } ?? [:]
        parts.append(
            Part(mediaType: mediaType, parameters: parameters, filename: disposition["filename"] ?? parameters["name"], body: decoded))
    }

    /// Headers (unfolded) and the body after the first empty line.
    static func split(_ text: String) -> ([(name: String, value: String)], String) {
        var headers: [(name: String, value: String)] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let lineEnd = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<lineEnd]
            rest = lineEnd == rest.endIndex ? rest[lineEnd...] : rest[rest.index(after: lineEnd)...]
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                if !headers.isEmpty { headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (
                    String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                ))
        }
        return (headers, String(rest))
    }

    /// `type/subtype; a=b; c="d e"` → ("type/subtype", ["a": "b", "c": "d e"]).
    static func parameters(_ value: String) -> (String, [String: String]) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";", !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            parameters[name] = value
        }
        return (pieces[0].trimmingCharacters(in: .whitespaces).lowercased(), parameters)
    }

    /// The body parts between `--boundary` lines, up to `--boundary--`.
    static func sections(of body: String, boundary: String) -> [String] {
        var sections: [String] = []
        var current: [Substring]?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "--" + boundary + "--" {
                if let current { sections.append(current.joined(separator: "\n")) }
                return sections
            }
            if trimmed == "--" + boundary {
                if let current { sections.append(current.joined(separator: "\n")) }
                current = []
                continue
            }
            current?.append(line)
        }
        if let current { sections.append(current.joined(separator: "\n")) }
        return sections
    }
}
