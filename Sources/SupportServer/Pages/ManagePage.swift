import Foundation
import HTTPTypes
import Hummingbird
import ICal
import Mail
import Operations
import Scheduling
import Store

/// `/b/<token>`: the page behind every link in customers' emails. It shows the booking and,
/// for the link's action, a form that asks before acting (mail scanners open links to look
/// at them, so a GET never changes anything). After the cutoff the page still shows the
/// booking and explains the cutoff in the contact's zone.
struct ManagePage: Sendable {
    let operations: ServerOperations
    let forms: FormProtection
    var environment: ServerEnvironment { operations.environment }

    func register(on router: Router<SupportRequestContext>) {
        router.get("/b/:token") { request, context in try await show(request, context) }
        router.get("/b/:token/invite.ics") { request, context in try await invite(request, context) }
        router.post("/b/:token/:action") { request, context in try await act(request, context) }
    }

    /// The token's content, and whether it still allows its action.
    private func token(_ context: SupportRequestContext) throws -> (LinkToken, usable: Bool) {
        let text = try context.parameters.require("token")
        do {
            return (try environment.signer.verify(text, now: environment.now()), true)
        } catch {
            // An authentic but expired link still shows the booking and why it cannot be changed.
            if error.code == .expired, let token = error.token { return (token, false) }
            throw HTTPError(.notFound, message: "This link is not valid. It may have been mistyped or replaced by a newer email.")
        }
    }

    func show(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let (token, usable) = try token(context)
        let tokenText = HTMLPage.escape(try context.parameters.require("token"))
        let (stored, company, contact) = try await operations.stored(BookingID(token.bookingID))
        let booking = stored.booking
        try requireShowable(booking, usable: usable)
        let zone = contact.timeZone
        let now = environment.now()
        let (session, isNew) = forms.session(request)
        let cutoff = CancellationCutoff(environment.policy).cutoff(for: booking)
        var body = ""
        if let done = request.uri.queryParameters.get("done") {
            let messages = [
                "booked": "Your session is booked. A confirmation with a calendar invitation is on its way to \(contact.email).",
                "cancelled": "Your session is cancelled. The cancellation is on its way by email.",
                "rescheduled": "Your session has moved. The updated invitation is on its way by email.",
                "declined": "Thank you for telling us. The session is released.",
            ]
            if let message = messages[done] { body += "<p class=\"notice\" role=\"status\">\(HTMLPage.escape(message))</p>" }
        }
        body += """
            <dl>
            <dt>Session</dt><dd>\(HTMLPage.escape(booking.sessionType.description))</dd>
            <dt>When</dt><dd>\(HTMLPage.escape(CustomerTime.describe(booking.start, in: zone)))</dd>
            <dt>For</dt><dd>\(HTMLPage.escape(contact.name)), \(HTMLPage.escape(company.name))</dd>
            <dt>Status</dt><dd>\(HTMLPage.escape(Self.statusText(booking.status)))</dd>
            <dt>Price</dt><dd>\(HTMLPage.escape(booking.charge.customerText))</dd>
            </dl>
            """
        if booking.status.isActive {
            if let meeting = environment.eventBuilder.meetingURL(for: booking) {
                body += "<p><a href=\"\(HTMLPage.escape(meeting))\">Join online</a></p>"
            }
            if let phone = environment.eventBuilder.conferencePhone {
                body +=
                    "<p>Or call \(HTMLPage.escape(phone)), access code "
                    + "<strong>\(environment.eventBuilder.accessCode(for: booking))</strong>.</p>"
            }
            body += "<p><a href=\"/b/\(tokenText)/invite.ics\">Add to your calendar (.ics)</a></p>"
        }
        let field = forms.field(for: session)
        if booking.status.isActive && !stored.isEmergency && now >= cutoff {
            body +=
                "<p class=\"problem\">Sessions can be cancelled or moved online until "
                + "\(Int(environment.policy.cancellationCutoff / 60)) minutes before they start; "
                + "for this session that was \(HTMLPage.escape(CustomerTime.describe(cutoff, in: zone))).</p>"
                + environment.support.wayForward
        } else if booking.status.isActive && !usable {
            body +=
                "<p class=\"problem\">\(HTMLPage.escape(expiredReason(token, booking, zone: zone)))</p>" + environment.support.wayForward
        } else if booking.status.isActive && usable {
            switch token.action {
            case .cancel:
                body += """
                    <form method="post" action="/b/\(tokenText)/cancel">
                    <input type="hidden" name="csrf" value="\(field)">
                    <p>Cancel this session? This cannot be undone.</p>\(booking.charge.isPaid
                        ? "\n<p>Paid sessions are not refundable: cancelling releases the time, not the payment of "
                            + "\(booking.charge.amount).</p>" : "")
                    <button type="submit">Cancel the session</button>
                    </form>
                    """
            case .decline:
                body += """
                    <form method="post" action="/b/\(tokenText)/decline">
                    <input type="hidden" name="csrf" value="\(field)">
                    <p>Cannot make it? Tell us now and we give the time to someone else.</p>
                    <button type="submit">I cannot make it</button>
                    </form>
                    """
            case .reschedule:
                let from = request.uri.queryParameters.get("from").flatMap { LocalDate($0) }
                body += try await rescheduleForm(booking, zone: zone, token: tokenText, field: field, from: from, now: now)
            case .view:
                let links = operations.links(for: booking, isEmergency: stored.isEmergency)
                for (action, label) in [("reschedule", "Move to another time"), ("cancel", "Cancel"), ("decline", "I cannot make it")] {
                    if let link = links[action], let path = URL(string: link)?.path {
                        body += "<p><a href=\"\(HTMLPage.escape(path))\">\(label)</a></p>"
                    }
                }
            }
        }
        return HTMLPage(title: "Your support session", body: body).response(cookie: isNew ? forms.cookie(session) : nil)
    }

    private func rescheduleForm(_ booking: Booking, zone: TimeZone, token: String, field: String, from: LocalDate?, now: Date) async throws
        -> String
    {
        let week = SlotWeek(from: from ?? WallClock(zone).localDate(of: now), now: now, zone: zone, policy: environment.policy)
        let slots = try await operations.slots(booking.sessionType, in: week.window, now: now).filter { $0.start != booking.start }
        return """
            <h2>Move to another time</h2>
            <p>Times are in your zone, <strong>\(HTMLPage.escape(zone.identifier))</strong>.</p>
            <form method="post" action="/b/\(token)/reschedule">
            <input type="hidden" name="csrf" value="\(field)">
            \(week.html(slots) { "/b/\(token)?from=\($0)" })
            \(slots.isEmpty ? "" : "<button type=\"submit\">Move the session</button>")
            </form>
            """
    }

    func act(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        let (token, usable) = try token(context)
        let action = try context.parameters.require("action")
        guard action == token.action.rawValue else {
            throw HTTPError(.forbidden, message: "This link is for \(token.action.rawValue), not \(action).")
        }
        let id = BookingID(token.bookingID)
        let actor = BookingDesk.Actor("customer link", via: "manage page")
        let decision: Decision<Booking>
        guard usable else {
            let (stored, _, contact) = try await operations.stored(id)
            return try refusedPage(.refused(.bookingNotActive, reason: expiredReason(token, stored.booking, zone: contact.timeZone)))
        }
        switch token.action {
        case .cancel: decision = try await operations.cancel(id, by: .customer, actor: actor)
        case .decline: decision = try await operations.decline(id, actor: actor)
        case .reschedule:
            guard let start = fields["start"].flatMap({ try? Date($0, strategy: .iso8601) }) else {
                throw HTTPError(.badRequest, message: "Choose one of the times.")
            }
            let (stored, _, _) = try await operations.stored(id)
            decision = try await operations.reschedule(stored.booking, to: start, by: .customer, actor: actor)
        case .view: throw HTTPError(.forbidden, message: "This link only shows the booking.")
        }
        if case .refused = decision { return try refusedPage(decision) }
        let (stored, _, _) = try await operations.stored(id)
        let view = URL(string: operations.links(for: stored.booking, isEmergency: stored.isEmergency)["view"] ?? "/")?.path ?? "/"
        let done = ["cancel": "cancelled", "decline": "declined", "reschedule": "rescheduled"][action] ?? "booked"
        return HTMLPage.redirect(to: view + "?done=" + done)
    }

    /// Why an authentic but expired link can no longer act: the cutoff when that is the
    /// reason, else that a newer email has the current link (the session moved).
    private func expiredReason(_ token: LinkToken, _ booking: Booking, zone: TimeZone) -> String {
        let now = environment.now()
        if token.action == .decline, now >= booking.start {
            return "The session started at \(CustomerTime.describe(booking.start, in: zone)); it can no longer be declined."
        }
        if token.action != .decline, token.action != .view,
            case .refused(_, let reason) = CancellationCutoff(environment.policy).check(
                booking, by: .customer, now: now, zone: zone,
                action: token.action == .reschedule ? .reschedule : .cancel)
        {
            return reason
        }
        return "This link has expired. Please use the link in the newest email about this session."
    }

    /// Expired links keep showing the booking for 30 days after it, then nothing.
    private func requireShowable(_ booking: Booking, usable: Bool) throws {
        guard usable || environment.now() < booking.end.addingTimeInterval(CustomerLinks.viewLifetime) else {
            throw HTTPError(.notFound, message: "This link has expired.")
        }
    }

    private func refusedPage(_ decision: Decision<Booking>) throws -> Response {
        guard case .refused(let rule, let reason) = decision else { return HTMLPage.redirect(to: "/") }
        return HTMLPage(
            title: "Not changed",
            body: "<p class=\"problem\" role=\"alert\">\(HTMLPage.escape(reason))</p>" + environment.support.wayForward,
            status: rule.httpStatus
        ).response()
    }

    /// The session as an iTIP REQUEST (or CANCEL once cancelled) to add to a calendar.
    func invite(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let (token, usable) = try token(context)
        let (stored, company, contact) = try await operations.stored(BookingID(token.bookingID))
        try requireShowable(stored.booking, usable: usable)
        guard let staff = environment.desk.staff.first(where: { $0.key == stored.booking.staff }) else { throw HTTPError(.notFound) }
        let view =
            operations.links(for: stored.booking, isEmergency: stored.isEmergency)["view"] ?? environment.publicBaseURL.absoluteString
        let event = environment.eventBuilder.event(
            for: stored, company: company, contact: contact, staff: staff, stamp: environment.now(),
            audience: .customer(viewURL: view))
        let document = stored.booking.status.isCancelled ? try event.cancellation() : try event.request()
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8; method=\(document.method ?? "REQUEST")",
                .contentDisposition: "attachment; filename=\"invite.ics\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: document.text)))
    }

    static func statusText(_ status: Booking.Status) -> String {
        switch status {
        case .confirmed: "Confirmed"
        case .rescheduled: "Confirmed (moved)"
        case .cancelledByCustomer: "Cancelled by you"
        case .cancelledByStaff: "Cancelled by our staff"
        case .joined: "Taken place"
        case .completed: "Completed"
        case .noShow: "Closed: nobody joined"
        }
    }
}
