import Foundation
import Logging
import Scheduling
import TestSupport

@testable import Store

// Shared test values. Instants are ISO 8601 UTC literals; every store lives in its own
// folder under the temporary directory, removed by `removeTemporaryStore`.

func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad ISO 8601 literal \(text)") }
    return date
}

let utcZone = TimeZone(identifier: "UTC")!
let chicago = TimeZone(identifier: "America/Chicago")!
let live60 = SessionType(.liveSession, minutes: 60)
let phone30 = SessionType(.phoneSupport, minutes: 30)

/// A fresh folder holding nothing yet; `store.sqlite` inside it is the store's path.
func temporaryStorePath(_ name: String = "store.sqlite") -> (folder: URL, path: String) {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("supportcal-store-tests", isDirectory: true)
        .appendingPathComponent(UUID().uuidString, isDirectory: true)
    return (folder, folder.appendingPathComponent(name).path)
}

/// A store on a new temporary file. Call `removeTemporaryStore(path)` when done
/// (`defer`). Tests keep their bodies at top level rather than in a closure: with Swift
/// 6.3.1, an `#expect` whose expression contains a closure, inside another closure, can
/// make a following closure run the wrong code (see the report).
func temporaryStore(outboxRetry: OutboxRetryPolicy = .default) throws -> (SupportStore, String) {
    let (_, path) = temporaryStorePath()
    return (try SupportStore(path: path, outboxRetry: outboxRetry, logger: testLogger), path)
}

func removeTemporaryStore(_ path: String) {
    try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
}

func staffMember(_ key: StaffKey, zone: TimeZone = utcZone, hours: String = "09:00-17:00") -> Staff {
    Staff(
        key: key, name: key.rawValue.capitalized, timeZone: zone,
        weeklyHours: try! WeeklyHours.same([TimeOfDayRange(hours)!], on: Weekday.allCases))
}

let alice = staffMember("alice")
let bob = staffMember("bob", zone: chicago)

let acme = Company(id: "acme", name: "Acme Crating")
let ann = Contact(id: "ann", companyID: "acme", name: "Ann Ames", email: "ann@acme.example", timeZone: chicago)

let paidCharge = Charge(basis: .feeSchedule, amount: .usd(150), feeScheduleVersion: "2026-01")
let freeCharge = Charge(basis: .planFree, amount: .zero, planID: "plan-1")

let fees = try! FeeSchedule(versions: [
    FeeSchedule.Version(id: "2026-01", effectiveFrom: utc("2026-01-01T00:00:00Z"), fees: [live60: .usd(150), phone30: .usd(60)])
])

func makeBooking(
    _ id: BookingID = "b-1", start: Date = utc("2026-11-03T10:00:00Z"), staff: StaffKey = "alice",
    charge: Charge = paidCharge, status: Booking.Status = .confirmed, company: CompanyID = "acme",
    contact: ContactID = "ann", bookedAt: Date = utc("2026-10-20T12:00:00Z")
) -> Booking {
    Booking(
        id: id, companyID: company, contactID: contact, sessionType: live60, start: start,
        staff: staff, charge: charge, bookedAt: bookedAt, status: status)
}

extension SupportStore {
    /// Acme with Ann, and the staff members alice and bob.
    func seed() throws {
        try write { tx in
            try tx.insert(acme)
            try tx.insert(ann)
            try tx.mirrorStaff([StaffProfile(alice, email: "alice@vendor.example"), StaffProfile(bob)])
        }
    }
}

extension StoreError {
    var isDuplicate: Bool { code == .duplicate }
}

/// The bytes of the store's files (main file, WAL, shared memory), for "never stored" checks.
func storeBytes(_ path: String) -> Data {
    var data = Data()
    for suffix in ["", "-wal", "-shm", "-journal"] {
        if let bytes = FileManager.default.contents(atPath: path + suffix) { data.append(bytes) }
    }
    return data
}
