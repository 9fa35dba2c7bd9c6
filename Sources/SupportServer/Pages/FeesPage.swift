import Foundation
import Hummingbird
import Operations
import Scheduling

/// `/fees`, public: the fee schedule in force and the next one if it is already known,
/// every session it prices, what a maintenance plan changes, and the rules that cost money
/// (§2, §6). The policy tells customers to "review the FEE SCHEDULE"; the booking page
/// links here.
struct FeesPage: Sendable {
    let environment: ServerEnvironment

    func register(on router: Router<SupportRequestContext>) {
        router.get("/fees") { _, _ in page() }
    }

    func page() -> Response {
        let now = environment.now()
        let schedule = environment.desk.feeSchedule
        let policy = environment.policy
        let zone = policy.vendorTimeZone
        var body = ""
        if let current = schedule.version(at: now) {
            body += table(current, heading: "In force since \(Self.day(current.effectiveFrom, in: zone))", id: "current")
        } else {
            body += "<p class=\"notice\">No fee schedule is in force yet; sessions are booked at the fee in force on the day.</p>"
        }
        if let next = schedule.versions.first(where: { $0.effectiveFrom > now }) {
            body += table(next, heading: "From \(Self.day(next.effectiveFrom, in: zone))", id: "next")
        }
        let cutoff = Int(policy.cancellationCutoff / 60)
        let grace = Int(policy.noShowGrace / 60)
        body += """
            <h2>With a maintenance plan</h2>
            <p>Companies with an active maintenance plan book with their company's maintenance code: a free plan makes \
            sessions free, a discount plan takes its agreed percentage off these prices. Without a code, or after the \
            plan ends, the fee above applies.</p>
            <h2>Good to know</h2>
            <ul>
            <li>Paid sessions are not refundable.</li>
            <li>A session can be cancelled or moved up to \(cutoff) minutes before it starts.</li>
            <li>A session nobody joins within \(grace) minutes of its start is closed as a no-show. After a company's \
            \(Self.ordinal(policy.noShowLimit)) no-show of a free session, free sessions are suspended until a \
            reinstatement fee of \(HTMLPage.escape(policy.reinstatementFee.description)) is paid.</li>
            </ul>
            <p>Dates are in \(HTMLPage.escape(zone.identifier)), where prices change at midnight. \
            <a href="/book">Book a session</a></p>
            """
        return HTMLPage(title: "Fee schedule", body: body).response()
    }

    private func table(_ version: FeeSchedule.Version, heading: String, id: String) -> String {
        let rows = version.sessionTypes.map { type in
            "<tr><th scope=\"row\">\(HTMLPage.escape(type.kind.displayName.capitalizedFirst))</th>"
                + "<td>\(type.minutes) minutes</td><td>\(HTMLPage.escape(version.fees[type]?.description ?? "–"))</td></tr>"
        }.joined(separator: "\n")
        return """
            <h2 id="\(id)">\(HTMLPage.escape(heading))</h2>
            <table class="fees" aria-labelledby="\(id)">
            <thead><tr><th scope="col">Session</th><th scope="col">Length</th><th scope="col">Price</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            """
    }

    /// "Wednesday, 1 July 2026"
    static func day(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let style = Date.FormatStyle(locale: Locale(identifier: "en_GB"), calendar: calendar, timeZone: zone)
            .weekday(.wide).day().month(.wide).year()
        return instant.formatted(style)
    }

    static func ordinal(_ number: Int) -> String {
        switch number {
        case 1: "first"
        case 2: "second"
        case 3: "third"
        default: "\(number)th"
        }
    }
}
