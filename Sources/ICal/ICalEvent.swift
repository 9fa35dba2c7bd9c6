internal import CLibical
import Foundation

/// One property as written: name, parameters and the value in its wire form.
public struct ICalProperty: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var parameters: [Parameter]
    public var value: String

    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var description: String {
        ([name] + parameters.map { "\($0.name)=\($0.value)" }).joined(separator: ";") + ":" + value
    }

    init(reading property: OpaquePointer) {
        name = Libical.name(ofProperty: property)
        parameters = Libical.parameters(of: property).map {
            let pair = Libical.nameAndValue(ofParameter: $0)
            return Parameter(name: pair.name, value: pair.value)
        }
        value = Libical.wireValue(of: property)
    }
}

/// A participant in an event (ORGANIZER or ATTENDEE).
public struct ICalParticipant: Sendable, Hashable {
    /// The address without `mailto:`.
    public var email: String
    public var commonName: String?
    public var participationStatus: String?

    public init(email: String, commonName: String? = nil, participationStatus: String? = nil) {
        self.email = email
        self.commonName = commonName
        self.participationStatus = participationStatus
    }

    init(reading property: OpaquePointer) {
        let address = Libical.wireValue(of: property)
        email = address.lowercased().hasPrefix("mailto:") ? String(address.dropFirst(7)) : address
        commonName = Libical.parameter(ICAL_CN_PARAMETER, of: property).flatMap { icalparameter_get_cn($0) }.map { String(cString: $0) }
        participationStatus = Libical.xParameter(named: "PARTSTAT", of: property)
    }
}

/// A VEVENT read out of a calendar, as plain values.
public struct ICalEvent: Sendable, Hashable {
    public var uid: String?
    public var summary: String?
    public var description: String?
    public var location: String?
    public var url: String?
    public var status: String?
    public var transparency: String?
    public var sequence: Int
    /// Floating times and dates are read as UTC here; busy-time queries take a zone.
    public var start: ICalTime?
    public var end: ICalTime?
    public var recurrenceID: ICalTime?
    public var organizer: ICalParticipant?
    public var attendees: [ICalParticipant]
    public var categories: [String]
    /// Every property in order, for what the named fields do not cover (X- properties).
    public var properties: [ICalProperty]
    /// The names of nested components (VALARM, ...).
    public var componentNames: [String]

    public func property(_ name: String) -> ICalProperty? {
        properties.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    init(reading event: OpaquePointer, calendar: OpaquePointer) {
        func text(_ kind: icalproperty_kind) -> String? {
            Libical.firstProperty(kind, of: event).map(Libical.textValue(of:))
        }
        func time(_ kind: icalproperty_kind) -> ICalTime? {
            Libical.firstProperty(kind, of: event).flatMap {
                TimeConversion.read($0, calendar: calendar, floatingZone: TimeConversion.utcZone())?.value
            }
        }
        uid = text(ICAL_UID_PROPERTY)
        summary = text(ICAL_SUMMARY_PROPERTY)
        description = text(ICAL_DESCRIPTION_PROPERTY)
        location = text(ICAL_LOCATION_PROPERTY)
        url = text(ICAL_URL_PROPERTY)
        status = text(ICAL_STATUS_PROPERTY)
        transparency = text(ICAL_TRANSP_PROPERTY)
        sequence = text(ICAL_SEQUENCE_PROPERTY).flatMap { Int($0) } ?? 0
        start = time(ICAL_DTSTART_PROPERTY)
        end = time(ICAL_DTEND_PROPERTY)
        recurrenceID = time(ICAL_RECURRENCEID_PROPERTY)
        organizer = Libical.firstProperty(ICAL_ORGANIZER_PROPERTY, of: event).map(ICalParticipant.init(reading:))
        attendees = Libical.properties(of: event, kind: ICAL_ATTENDEE_PROPERTY).map(ICalParticipant.init(reading:))
        categories = Libical.properties(of: event, kind: ICAL_CATEGORIES_PROPERTY).flatMap {
            Libical.wireValue(of: $0).split(separator: ",").map(String.init)
        }
        properties = Libical.properties(of: event).map(ICalProperty.init(reading:))
        componentNames = Libical.children(of: event).map(Libical.name(of:))
    }
}
