import Foundation

/// An email address with an optional display name, as it appears in From, To and Reply-To.
public struct Mailbox: Sendable, Hashable, CustomStringConvertible {
    public var name: String?
    public var address: String

    public struct InvalidAddress: Error, CustomStringConvertible {
        public var text: String
        public var description: String { "\"\(text)\" is not an email address SupportCal can send to" }
    }

    /// Refuses anything but a plain `local@domain`: no spaces, angle brackets, commas or
    /// control characters, so an address can never smuggle in a header or a second recipient.
    public init(name: String? = nil, address: String) throws(InvalidAddress) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = address.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7F && !"<>(),;:\\\"[]".unicodeScalars.contains($0)
        }
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), allowed
        else {
            throw InvalidAddress(text: MessageHeaders.sanitized(address))
        }
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.address = address
    }

    /// Reads `Name <local@domain>`, `"Name" <local@domain>` or a bare address.
    public init(parsing text: String) throws(InvalidAddress) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            try self.init(name: name, address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
        } else {
            try self.init(address: trimmed)
        }
    }

    /// The header form, the name RFC 2047-encoded or quoted.
    public var description: String { MessageHeaders.mailbox(name: name, address: address) }
}
