import Foundation

@testable import Scheduling

// Shared test values. Instants are written as ISO 8601 UTC strings worked out by hand
// from the zones' published offsets, never computed by the code under test.

enum Zone {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let lordHowe = TimeZone(identifier: "Australia/Lord_Howe")!
    static let kolkata = TimeZone(identifier: "Asia/Kolkata")!
    static let utc = TimeZone(identifier: "UTC")!
}

/// "2026-11-03T14:00:00Z" → Date. Traps on a typo: a test with a bad literal is broken.
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad ISO 8601 literal \(text)") }
    return date
}

func minutes(_ n: Int) -> TimeInterval { TimeInterval(n * 60) }
func hours(_ n: Double) -> TimeInterval { n * 3600 }

func day(_ text: String) -> LocalDate { LocalDate(text)! }
func hoursRange(_ text: String) -> TimeOfDayRange { TimeOfDayRange(text)! }

let saltA: [UInt8] = Array(0..<16)
let saltB: [UInt8] = Array(100..<116)

func staff(
    _ key: String, zone: TimeZone, hours: [String] = ["09:00-17:00"], days: [Weekday] = Weekday.allCases,
    exceptions: [LocalDate: DayException] = [:]
) -> Staff {
    Staff(
        key: StaffKey(key), name: key.capitalized, timeZone: zone,
        weeklyHours: try! WeeklyHours.same(hours.map(hoursRange), on: days), exceptions: exceptions)
}

let live60 = SessionType(.liveSession, minutes: 60)
let live30 = SessionType(.liveSession, minutes: 30)
let phone30 = SessionType(.phoneSupport, minutes: 30)

let acmeID: CompanyID = "acme"
let freeCharge = Charge(basis: .planFree, amount: .zero, planID: "plan-1")
let paidCharge = Charge(basis: .feeSchedule, amount: .usd(150), feeScheduleVersion: "2026-01")

func booking(
    _ id: String = "b-1", start: Date, staff: StaffKey = "alice", type: SessionType = live60,
    charge: Charge = paidCharge, status: Booking.Status = .confirmed, company: CompanyID = acmeID,
    bookedAt: Date? = nil, contact: ContactID = "zed"
) -> Booking {
    // By default someone other than the fixtures' requesting contacts, so a booking here
    // takes staff time without being "already booked then" for Ann or Ravi.
    Booking(
        id: BookingID(id), companyID: company, contactID: contact, sessionType: type, start: start,
        staff: staff, charge: charge, bookedAt: bookedAt ?? start.addingTimeInterval(-7 * 86_400), status: status)
}

let chicagoContact = Contact(id: "ann", companyID: acmeID, name: "Ann", email: "ann@acme.example", timeZone: Zone.chicago)
let kolkataContact = Contact(id: "ravi", companyID: acmeID, name: "Ravi", email: "ravi@acme.example", timeZone: Zone.kolkata)

/// Wall-clock components of `date` in `zone`, via Foundation's Calendar: the oracle the
/// tests hold the code's own arithmetic to.
func calendarComponents(_ date: Date, in zone: TimeZone) -> DateComponents {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
}

func calendarDate(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, in zone: TimeZone) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
}
