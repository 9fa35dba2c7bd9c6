import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Mail
import Operations
import Scheduling
import Store

/// `POST /book/confirm`: books once however often the button is pressed, then the booking page.
extension BookPage {
    func confirm(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let data = try await request.bodyData(limit: context.maxUploadSize)
        let fields = FormFields(data)
        try forms.verify(request, field: fields["csrf"])
        let (company, contact) = try await operations.contact(email: fields["contact"] ?? "")
        let type = try sessionType(fields["type"])
        guard let start = fields["start"].flatMap({ try? Date($0, strategy: .iso8601) }) else {
            throw HTTPError(.badRequest, message: "Choose one of the times.")
        }
        let client = context.clientAddress(request, trustForwardedFor: environment.trustForwardedFor)
        let code = ServerOperations.typed(fields["code"])
        // The form's own key makes a double-clicked Confirm (or a resent POST) one booking:
        // the second submission waits for the first and gets its answer.
        guard let key = fields["form_key"], (16...100).contains(key.count) else {
            return try await book(
                request, company: company, contact: contact, type: type, typeValue: fields["type"] ?? "", start: start, code: code,
                client: client)
        }
        let fingerprint = Data(
            SHA256.hash(
                data: Data([contact.email, fields["type"] ?? "", start.formatted(.iso8601), code ?? ""].joined(separator: "\n").utf8))
        )
        .base64EncodedString()
        var fresh: Response?
        let outcome = try await IdempotentOnce(store: environment.store).run(
            key: "book-form:" + key, fingerprint: fingerprint, now: environment.now,
            waiting: .seconds(10)
        ) {
            let response = try await book(
                request, company: company, contact: contact, type: type, typeValue: fields["type"] ?? "",
                start: start, code: code, client: client)
            fresh = response
            return IdempotentOnce.Answer(status: Int(response.status.code), body: response.headers[.location] ?? "")
        }
        switch outcome {
        case .answered(_, replayed: false):
            return fresh ?? HTMLPage.redirect(to: "/book")
        case .answered(let answer, replayed: true) where answer.status == 303:
            return HTMLPage.redirect(to: answer.body)
        case .answered:
            // The first submission was refused: say so again, rather than booking now.
            return HTMLPage(
                title: "Not booked",
                body: "<p class=\"problem\" role=\"alert\">This form was already sent and nothing was booked. "
                    + "Please choose a time again.</p>" + againLink(contact, fields["type"] ?? "") + environment.support.contactLine,
                status: .conflict
            ).response()
        case .inProgress, .mismatch:
            return HTMLPage(
                title: "Already sent",
                body: "<p class=\"notice\" role=\"status\">This booking form was already sent. "
                    + "Look for the confirmation email, or choose a time again.</p>" + againLink(contact, fields["type"] ?? ""),
                status: .conflict
            ).response()
        }
    }

    func book(
        _ request: Request, company: Company, contact: Contact, type: SessionType, typeValue: String, start: Date,
        code: String?, client: String
    ) async throws -> Response {
        switch try await operations.book(
            company: company, contact: contact, type: type, start: start, code: code, client: client, via: "booking page")
        {
        case .refused(let rule, let reason) where [.wrongCode, .codeRateLimited].contains(rule):
            // Keep the chosen time and ask for the code again.
            return try reviewPage(
                request, company: company, contact: contact, type: type, typeValue: typeValue, start: start, code: code,
                quote: .refused(rule, reason: reason))
        case .refused(let rule, let reason):
            return notBooked(reason: reason, rule: rule, contact: contact, typeValue: typeValue)
        case .accepted(let stored):
            let view = operations.links(for: stored.booking, isEmergency: false)["view"] ?? "/"
            return HTMLPage.redirect(to: URL(string: view).map { $0.path + "?done=booked" } ?? "/")
        }
    }

    func againLink(_ contact: Contact, _ typeValue: String) -> String {
        let again =
            "/book?contact=\(contact.email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            + "&type=\(typeValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        return "<p><a href=\"\(HTMLPage.escape(again))\">Choose another time</a></p>"
    }

    func notBooked(reason: String, rule: Rule, contact: Contact, typeValue: String) -> Response {
        HTMLPage(
            title: "Not booked",
            body: "<p class=\"problem\" role=\"alert\">\(HTMLPage.escape(reason))</p>" + againLink(contact, typeValue)
                + environment.support.contactLine, status: rule.httpStatus
        ).response()
    }
}
