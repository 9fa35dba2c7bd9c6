import Foundation
import TestSupport
import Testing

extension MailThroughTheCLITests {
    /// libical's RFC 5546 check and Thunderbird's ical.js each read every invitation as
    /// Python's icalendar did: method, UID, SEQUENCE, the start instant and its zone.
    func expectReadAlikeByLibicalAndThunderbird(_ invitations: [SentMail]) throws {
        let readings = try InvitationReaders.read(try invitations.map { try #require($0.calendar_text) })
        #expect(readings.libical.count == invitations.count && readings.icaljs.count == invitations.count)
        for (index, message) in invitations.enumerated() {
            let calendar = try #require(message.calendar)
            let event = try #require(calendar.events.first)
            let start = try Date(event.start_utc, strategy: .iso8601).formatted(.iso8601)
            for (reader, reading) in [("libical", readings.libical[index]), ("ical.js", readings.icaljs[index])] {
                #expect(reading.error == nil, "\(reader): \(reading.error ?? "")")
                #expect(reading.method == calendar.method, "\(reader)")
                #expect(reading.uid == event.uid && reading.sequence == event.sequence, "\(reader)")
                #expect(reading.start == start && reading.floating == false, "\(reader): \(reading)")
                #expect(reading.tzid.map { event.tzids.contains($0) } ?? true, "\(reader): \(reading)")
            }
            #expect(readings.libical[index].restriction_ok == true, "\(readings.libical[index].problems ?? [])")
            #expect(readings.libical[index].problems == [])
        }
    }
}

/// The two readers catch what they are there to catch, so their agreement above means something.
@Suite struct IndependentInvitationReadersTests {
    static let good =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u1@t\r\n"
        + "DTSTAMP:20261001T000000Z\r\nSEQUENCE:0\r\nDTSTART:20261102T150000Z\r\nDTEND:20261102T160000Z\r\nSUMMARY:S\r\n"
        + "ORGANIZER:mailto:support@vendor.example\r\nATTENDEE:mailto:eve@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

    @Test func aMissingDTSTAMPFailsLibicalsCheckAndATruncatedObjectIsRefusedByBoth() throws {
        let noStamp = Self.good.replacingOccurrences(of: "DTSTAMP:20261001T000000Z\r\n", with: "")
        let truncated = String(Self.good.prefix(Self.good.count / 2))
        let dangling = Self.good.replacingOccurrences(of: "DTSTART:20261102T150000Z", with: "DTSTART;TZID=Europe/Nowhere:20261102T150000")
        let readings = try InvitationReaders.read([Self.good, noStamp, truncated, dangling])

        #expect(readings.libical[0].restriction_ok == true && readings.libical[0].start == "2026-11-02T15:00:00Z")
        #expect(readings.icaljs[0].start == "2026-11-02T15:00:00Z" && readings.icaljs[0].method == "REQUEST")
        #expect(readings.libical[1].restriction_ok == false)
        #expect(readings.libical[1].problems?.contains { $0.contains("DTSTAMP") } == true)
        #expect(readings.libical[2].error != nil && readings.icaljs[2].error != nil)
        #expect(readings.libical[3].floating == true && readings.icaljs[3].floating == true, "a TZID without its VTIMEZONE")
    }
}
