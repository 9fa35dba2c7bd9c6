/// Everything a notice template may show, already in words: times are rendered in the
/// contact's zone with the zone named before they get here, so templates hold no logic
/// beyond "show this if present".
///
/// Template authors see these names (`{{when}}`, `{{#links.cancel}}`); renaming one
/// breaks operators' custom templates, so treat them as public API.
public struct NoticeContent: Sendable {
    public struct Join: Sendable {
        public var meetingURL: String?
        public var phone: String?
        public var accessCode: String?
        /// The number for a `tel:` link: "+15550100".
        public var phoneURI: String?

        public init(meetingURL: String?, phone: String?, accessCode: String?) {
            self.meetingURL = meetingURL
            self.phone = phone
            self.accessCode = accessCode
            self.phoneURI = phone.map { String($0.filter { $0.isNumber || $0 == "+" }) }
        }
    }

    /// Signed links; absent when the action no longer makes sense (a cancelled booking
    /// has no cancel link).
    public struct Links: Sendable {
        public var reschedule: String?
        public var cancel: String?
        /// Emergency placements only: "I cannot make it", which releases the opening.
        public var decline: String?

        public init(reschedule: String? = nil, cancel: String? = nil, decline: String? = nil) {
            self.reschedule = reschedule
            self.cancel = cancel
            self.decline = decline
        }

        public var isEmpty: Bool { reschedule == nil && cancel == nil && decline == nil }
    }

    public var recipientName: String
    /// "60-minute live session"
    public var what: String
    /// "8:55 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026"
    public var when: String
    /// "Tuesday, 3 November 2026"
    public var date: String
    /// "8:55 AM"
    public var time: String
    /// "UTC-6 (America/Chicago)"
    public var zone: String
    /// Rescheduled notices: where the session was before.
    public var previousWhen: String?
    public var staffName: String
    public var companyName: String
    /// Reminders: "in 24 hours", "in 2 hours".
    public var lead: String?
    public var join: Join?
    public var links: Links?
    /// "7:50 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026": the last moment
    /// the customer may cancel or reschedule.
    public var cutoff: String?
    public var cancelledByStaff: Bool
    /// "$100.00" in suspension notices.
    public var reinstatementFee: String?
    /// Session notices: what the session costs, "$140.00" or "$0.00 (maintenance plan)".
    public var price: String?
    /// Paid sessions: say that cancelling does not refund them (support policy §2).
    public var notRefundable: Bool
    /// The booking's page (signed view link), in every email about a booking: the way
    /// back to it after the cutoff, when the other links have stopped working.
    public var viewURL: String?
    public var bookingReference: String
    public var signature: String
    /// Set by `NoticeTemplates` once the subject is rendered, for the HTML `<title>`.
    var subject = ""

    public init(
        recipientName: String, what: String, when: String, date: String, time: String, zone: String,
        previousWhen: String? = nil, staffName: String, companyName: String, lead: String? = nil,
        join: Join? = nil, links: Links? = nil, cutoff: String? = nil, cancelledByStaff: Bool = false,
        reinstatementFee: String? = nil, price: String? = nil, notRefundable: Bool = false, viewURL: String? = nil,
        bookingReference: String, signature: String
    ) {
        self.recipientName = recipientName
        self.what = what
        self.when = when
        self.date = date
        self.time = time
        self.zone = zone
        self.previousWhen = previousWhen
        self.staffName = staffName
        self.companyName = companyName
        self.lead = lead
        self.join = join
        self.links = links.flatMap { $0.isEmpty ? nil : $0 }
        self.cutoff = cutoff
        self.cancelledByStaff = cancelledByStaff
        self.reinstatementFee = reinstatementFee
        self.price = price
        self.notRefundable = notRefundable
        self.viewURL = viewURL
        self.bookingReference = bookingReference
        self.signature = signature
    }
}
