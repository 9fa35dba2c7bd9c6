internal import CLibical
import Foundation

/// The facts of one booked session, from which every iCalendar form of it is built:
/// the copy stored in the staff calendar and the iTIP messages emailed to the customer.
public struct BookingEvent: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case confirmed = "CONFIRMED"
        case tentative = "TENTATIVE"
        case cancelled = "CANCELLED"
    }

    /// The name of the X- property that carries our booking id, so our own events
    /// can be recognised in a staff calendar whatever their href.
    public static let bookingIDProperty = "X-SUPPORTCAL-BOOKING-ID"
    /// Marks a return call's event (§8): ours, but not a booking, so sync leaves it alone.
    public static let returnCallIDProperty = "X-SUPPORTCAL-RETURN-CALL-ID"
    public static let productID = "-//SupportCal//SupportCal 1.0//EN"

    public var uid: String
    public var bookingID: String
    /// The X- property that carries `bookingID`: `bookingIDProperty`, or
    /// `returnCallIDProperty` for a return call's event.
    public var idProperty: String = BookingEvent.bookingIDProperty
    public var start: Date
    public var end: Date
    /// The IANA zone DTSTART and DTEND are written in (the staff member's, usually).
    public var timeZone: String
    public var summary: String
    public var description: String
    public var location: String?
    public var url: String?
    public var organizer: ICalParticipant
    public var attendees: [ICalParticipant]
    public var status: Status
    public var sequence: Int
    public var categories: [String]
    /// DTSTAMP: when this version of the object was made. A parameter, not a clock read.
    public var stamp: Date

    public init(
        uid: String, bookingID: String, start: Date, end: Date, timeZone: String,
        summary: String, description: String = "", location: String? = nil, url: String? = nil,
        organizer: ICalParticipant, attendees: [ICalParticipant], status: Status = .confirmed,
        sequence: Int = 0, categories: [String] = [], stamp: Date
    ) {
        self.uid = uid
        self.bookingID = bookingID
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.organizer = organizer
        self.attendees = attendees
        self.status = status
        self.sequence = sequence
        self.categories = categories
        self.stamp = stamp
    }

    /// The same booking, cancelled: iTIP wants the same UID and a higher SEQUENCE.
    public func cancelled(stamp: Date) -> BookingEvent {
        var copy = self
        copy.status = .cancelled
        copy.sequence += 1
        copy.stamp = stamp
        return copy
    }

    /// The same booking moved: same UID, SEQUENCE + 1 (RFC 5546 §2.1.4).
    public func rescheduled(start: Date, end: Date, stamp: Date) -> BookingEvent {
        var copy = self
        copy.start = start
        copy.end = end
        copy.sequence += 1
        copy.stamp = stamp
        return copy
    }

    /// The object written to the staff member's CalDAV calendar: no METHOD, and
    /// `SCHEDULE-AGENT=CLIENT` on attendees so the server sends no invitations itself.
    public func storedObject() throws(ICalError) -> ICalDocument {
        try build(method: nil)
    }

    func build(method: ITIPMethod?) throws(ICalError) -> ICalDocument {
        try validate()
        ICalRuntime.ensureConfigured()
        let calendar = ComponentTree(taking: icalcomponent_new_vcalendar())
        icalcomponent_add_property(calendar.raw, icalproperty_new_prodid(Self.productID))
        icalcomponent_add_property(calendar.raw, icalproperty_new_version("2.0"))
        icalcomponent_add_property(calendar.raw, icalproperty_new_calscale("GREGORIAN"))
        if let method {
            icalcomponent_add_property(calendar.raw, icalproperty_new_method(method.libicalValue))
        }
        let zoned = !TimeZoneComponent.isUTC(timeZone)
        if zoned {
            icalcomponent_add_component(calendar.raw, try TimeZoneComponent.make(timeZone, from: start.addingTimeInterval(-366 * 86_400)))
        }
        icalcomponent_add_component(calendar.raw, try makeEvent(method: method, zoned: zoned))
        return ICalDocument(tree: calendar)
    }

    private func validate() throws(ICalError) {
        guard end > start else {
            throw ICalError(.invalidValue, "the session ends (\(end.formatted(.iso8601))) before it starts (\(start.formatted(.iso8601)))")
        }
        guard !uid.isEmpty, !bookingID.isEmpty else {
            throw ICalError(.invalidValue, "a booking event needs a UID and a booking id")
        }
    }

    private func makeEvent(method: ITIPMethod?, zoned: Bool) throws(ICalError) -> OpaquePointer {
        let event = icalcomponent_new_vevent()!
        func add(_ property: OpaquePointer?) {
            if let property { icalcomponent_add_property(event, property) }
        }
        add(icalproperty_new_uid(uid))
        add(icalproperty_new_dtstamp(TimeConversion.icalTime(stamp, in: TimeConversion.utcZone())))
        add(try dateTime(start, zoned: zoned, make: icalproperty_new_dtstart))
        add(try dateTime(end, zoned: zoned, make: icalproperty_new_dtend))
        add(icalproperty_new_summary(summary))
        if !description.isEmpty { add(icalproperty_new_description(description)) }
        if let location { add(icalproperty_new_location(location)) }
        if let url { add(icalproperty_new_url(url)) }
        add(icalproperty_new_status(status.libicalValue))
        add(icalproperty_new_sequence(Int32(clamping: sequence)))
        add(icalproperty_new_transp(ICAL_TRANSP_OPAQUE))
        // One property per category: libical splits a comma list on reading, so this
        // is the form that reads back identically.
        for category in categories { add(icalproperty_new_categories(category)) }

        let organizerProperty = icalproperty_new_organizer("mailto:" + organizer.email)!
        if let name = organizer.commonName { icalproperty_add_parameter(organizerProperty, icalparameter_new_cn(name)) }
        add(organizerProperty)

        for attendee in attendees {
            let property = icalproperty_new_attendee("mailto:" + attendee.email)!
            if let name = attendee.commonName { icalproperty_add_parameter(property, icalparameter_new_cn(name)) }
            icalproperty_add_parameter(property, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL))
            icalproperty_add_parameter(property, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT))
            switch method {
            case nil:
                icalproperty_add_parameter(property, icalparameter_new_partstat(ICAL_PARTSTAT_ACCEPTED))
                icalproperty_add_parameter(property, icalparameter_new_scheduleagent(ICAL_SCHEDULEAGENT_CLIENT))
            case .request?:
                icalproperty_add_parameter(property, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION))
                icalproperty_add_parameter(property, icalparameter_new_rsvp(ICAL_RSVP_TRUE))
            case .cancel?:
                break
            }
            add(property)
        }

        let bookingProperty = icalproperty_new_x(bookingID)!
        icalproperty_set_x_name(bookingProperty, idProperty)
        add(bookingProperty)
        return event
    }

    private func dateTime(_ date: Date, zoned: Bool, make: (icaltimetype) -> OpaquePointer?) throws(ICalError) -> OpaquePointer? {
        guard zoned else {
            return make(TimeConversion.icalTime(date, in: TimeConversion.utcZone()))
        }
        guard let zone = TimeZoneComponent.zone(timeZone) else {
            throw ICalError(.unknownTimeZone, "unknown time zone \"\(timeZone)\"")
        }
        var local = TimeConversion.icalTime(date, in: zone)
        // The wall-clock fields carry no zone pointer: the TZID parameter we add names
        // the plain IANA zone, which is what the VTIMEZONE in the same object defines.
        local.zone = nil
        let property = make(local)
        if let property { icalproperty_add_parameter(property, icalparameter_new_tzid(timeZone)) }
        return property
    }
}

extension BookingEvent.Status {
    var libicalValue: icalproperty_status {
        switch self {
        case .confirmed: ICAL_STATUS_CONFIRMED
        case .tentative: ICAL_STATUS_TENTATIVE
        case .cancelled: ICAL_STATUS_CANCELLED
        }
    }
}
