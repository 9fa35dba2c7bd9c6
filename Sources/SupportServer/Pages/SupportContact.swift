import Foundation

/// How a customer reaches a person: the `[mail]` address and the `[conference]` phone.
/// Every page that cannot go on by itself (after the cutoff, an invalid link, an error)
/// names them and links to `/book`, so no page is a dead end.
public struct SupportContact: Sendable, Hashable {
    public var email: String?
    public var phone: String?

    public init(email: String? = nil, phone: String? = nil) {
        self.email = email
        self.phone = phone
    }

    /// "email support@vendor.example or call +1 555 0100", or nil with neither.
    var html: String? {
        var ways: [String] = []
        if let email {
            ways.append("email <a href=\"mailto:\(HTMLPage.escape(email))\">\(HTMLPage.escape(email))</a>")
        }
        if let phone {
            let uri = phone.filter { $0.isNumber || $0 == "+" }
            ways.append("call <a href=\"tel:\(HTMLPage.escape(uri))\">\(HTMLPage.escape(phone))</a>")
        }
        return ways.isEmpty ? nil : ways.joined(separator: " or ")
    }

    /// "To talk to us, email … or call …", as a paragraph (empty with neither).
    var contactLine: String { html.map { "<p>To talk to us, \($0).</p>" } ?? "" }

    /// The way forward under a problem: whom to contact, and where to book.
    var wayForward: String { contactLine + "<p><a href=\"/book\">Book a support session</a></p>" }
}
