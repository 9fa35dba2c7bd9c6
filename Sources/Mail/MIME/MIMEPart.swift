/// One MIME entity: a body in a transfer encoding, or a multipart of entities (RFC 2046).
public struct MIMEPart: Sendable {
    public enum Body: Sendable {
        case single([UInt8], TransferEncoding)
        case multipart(subtype: String, parts: [MIMEPart])
    }

    /// The full Content-Type value for a single part, e.g. `text/plain; charset=UTF-8`.
    public var contentType: String
    public var body: Body
    /// More headers for this part (Content-Disposition), written as given.
    public var headers: [(name: String, value: String)]

    public init(contentType: String, bytes: [UInt8], encoding: TransferEncoding, headers: [(name: String, value: String)] = []) {
        self.contentType = contentType
        self.body = .single(bytes, encoding)
        self.headers = headers
    }

    public init(multipart subtype: String, _ parts: [MIMEPart]) {
        self.contentType = "multipart/\(subtype)"
        self.body = .multipart(subtype: subtype, parts: parts)
        self.headers = []
    }

    public static func text(_ text: String, subtype: String = "plain") -> MIMEPart {
        MIMEPart(contentType: "text/\(subtype); charset=UTF-8", bytes: Array(text.utf8), encoding: .quotedPrintable)
    }

    /// Header lines and body, CRLF-terminated. `boundary` seeds this part's boundary and
    /// those below it; a boundary starts with "=_", which neither base64 nor
    /// quoted-printable output can contain, so it can never occur in a body.
    func rendered(boundary seed: String) -> String {
        switch body {
        case .single(let bytes, let encoding):
            var lines = [MessageHeaders.line("Content-Type", contentType), "Content-Transfer-Encoding: \(encoding.rawValue)"]
            lines += headers.map { MessageHeaders.line($0.name, $0.value) }
            return lines.joined(separator: "\r\n") + "\r\n\r\n" + encoding.encode(bytes)
        case .multipart(let subtype, let parts):
            let boundary = "=_\(seed)"
            var text = MessageHeaders.line("Content-Type", "multipart/\(subtype); boundary=\"\(boundary)\"") + "\r\n"
            text += headers.map { MessageHeaders.line($0.name, $0.value) + "\r\n" }.joined()
            text += "\r\n"
            for (index, part) in parts.enumerated() {
                text += "--\(boundary)\r\n" + part.rendered(boundary: "\(seed).\(index)")
            }
            return text + "--\(boundary)--\r\n"
        }
    }
}
