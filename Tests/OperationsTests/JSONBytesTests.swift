import Foundation
import Operations
import Scheduling
import Testing

/// The hand-written JSON of the hot answers must be what `JSONEncoder` writes for the same
/// values, byte for byte, or clients would see two dialects of one API.
@Suite struct JSONBytesTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func written(_ value: some JSONBytesWritable) -> String {
        String(decoding: value.jsonBytes, as: UTF8.self)
    }

    static let zones = ["UTC", "America/Chicago", "Asia/Kolkata", "Australia/Lord_Howe"]

    @Test(arguments: zones)
    func aSlotListIsWrittenAsJSONEncoderWritesIt(zone: String) throws {
        let start = Date(timeIntervalSince1970: 1_803_895_200.75)  // a fraction of a second is dropped
        let slots = (0..<5).map { index in
            Slot(
                start: start.addingTimeInterval(TimeInterval(index) * 3600),
                end: start.addingTimeInterval(TimeInterval(index) * 3600 + 1800),
                staff: index == 3 ? [] : ["ana", "bo \"quoted\"", "slash/key"])
        }
        let json = SlotsJSON(SessionType(.liveSession, minutes: 30), slots: slots, zone: TimeZone(identifier: zone)!)
        #expect(Self.written(json) == (try Self.encoded(json)))
    }

    @Test func anEmptySlotListToo() throws {
        let json = SlotsJSON(SessionType(.phoneSupport, minutes: 60), slots: [], zone: TimeZone(identifier: "UTC")!)
        #expect(Self.written(json) == (try Self.encoded(json)))
    }

    static func booking(status: Booking.Status, joined: Date?, closed: Date?, version: String?) -> Booking {
        var booking = Booking(
            id: "bk-1", companyID: "acme", contactID: "c-1", sessionType: SessionType(.liveSession, minutes: 90),
            start: Date(timeIntervalSince1970: 1_893_456_000), staff: "ana",
            charge: Charge(basis: .feeSchedule, amount: .usd(125), feeScheduleVersion: version),
            bookedAt: Date(timeIntervalSince1970: 1_893_000_000))
        booking.status = status
        booking.joinedAt = joined
        booking.closedAt = closed
        return booking
    }

    @Test(arguments: [
        (Booking.Status.confirmed, false, false, "2027" as String?, false),
        (.joined, true, false, nil, true),
        (.noShow, false, true, "v2 \"beta\"", false),
    ])
    func aBookingIsWrittenAsJSONEncoderWritesIt(status: Booking.Status, joined: Bool, closed: Bool, version: String?, links: Bool)
        throws
    {
        let booking = Self.booking(
            status: status, joined: joined ? Date(timeIntervalSince1970: 1_893_456_300) : nil,
            closed: closed ? Date(timeIntervalSince1970: 1_893_456_600) : nil, version: version)
        let contact = Contact(
            id: "c-1", companyID: "acme", name: "Ærø Ünïcode", email: "a.b+tag@acme.example",
            timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let json = BookingJSON(
            booking, contact: contact, isEmergency: joined,
            links: links ? ["reschedule": "https://x.example/r?t=a/b", "cancel": "https://x.example/c\u{1}\n"] : nil)
        #expect(Self.written(json) == (try Self.encoded(json)))
    }

    @Test(arguments: [-86_400 * 365 * 30, -1, 0, 951_782_400, 4_107_542_399, 253_402_300_799])
    func datesAreWrittenAsISO8601(seconds: Int) throws {
        struct Stamp: Encodable, JSONBytesWritable {
            var at: Date
            func write(to json: inout JSONBytes) {
                json.object { json in
                    json.key("at")
                    json.date(at)
                }
            }
        }
        let stamp = Stamp(at: Date(timeIntervalSince1970: TimeInterval(seconds)))
        #expect(Self.written(stamp) == (try Self.encoded(stamp)))
    }
}
