import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Mail
import NIOCore
import Operations
import Scheduling
import Store
import SupportServer
import Synchronization
import TestSupport
import UseCases

/// A service on an in-memory store, with a clock the test moves. Dana works weekdays
/// 09:00–17:00 Chicago time; Ørsted has a free plan (code ORST-CODE-1), Pine has none.
/// Wednesday 2 December 2026, 15:00Z is 9:00 AM in Chicago and 8:30 PM in Kolkata.
final class ServerFixture: Sendable {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static let staffToken = "staff-token-for-tests-0123456789"
    static let webhookToken = "webhook-token-for-tests-0123456"
    static let start = SampleBooking.date("2026-12-02T15:00:00Z")

    let store: SupportStore
    let desk: SupportDesk
    let signer: LinkSigner
    let clock: TestClock
    let busyTime: RecordingBusyTime
    let environment: ServerEnvironment
    /// Where the account's direct emails (sign-in links, emergency requests) land.
    let maildir: URL
    static let sealer = try! CodeSealer(base64: Data(repeating: 42, count: 32).base64EncodedString(), origin: "test")

    init(
        now: String = "2026-12-01T12:00:00Z", codeAttemptsPerAddress: Int = 10, failingBusyRefresh: Bool = false,
        support: SupportContact = SupportContact(), nextFees: [SessionType: Money]? = nil, staffAdmins: Set<StaffKey> = []
    ) throws {
        store = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        let staff = [
            Staff(key: "dana", name: "Dana Whitfield", timeZone: Self.chicago, weeklyHours: try .same([TimeOfDayRange("09:00-17:00")!]))
        ]
        let hasher = FakeHasher()
        let plan = MaintenancePlan(
            id: "orsted-2026", tier: .free, validFrom: SampleBooking.date("2026-01-01T00:00:00Z"),
            validUntil: SampleBooking.date("2027-12-31T00:00:00Z"))
        let code = try MaintenanceCode.issue(
            code: "ORST-CODE-1", salt: Array(repeating: 7, count: 16), hasher: hasher, at: SampleBooking.date("2026-01-01T00:00:00Z")
        ).keeping(sealed: try Self.sealer.seal("ORST-CODE-1", company: "orsted"))
        try store.write { tx in
            try tx.mirrorStaff(staff.map { StaffProfile($0, email: "dana@vendor.example") })
            try tx.insert(Company(id: "orsted", name: "Ørsted Crating", plans: [plan], maintenanceCode: code))
            try tx.insert(Company(id: "pine", name: "Pine & Co"))
            try tx.insert(
                Contact(
                    id: "eve", companyID: "orsted", name: "Eve Ørsted", email: "eve@orsted.example",
                    timeZone: TimeZone(identifier: "Asia/Kolkata")!))
            try tx.insert(Contact(id: "pat", companyID: "pine", name: "Pat <Pine>", email: "pat@pine.example", timeZone: Self.chicago))
        }
        let type60 = SessionType(.liveSession, minutes: 60)
        let fees = try FeeSchedule(
            versions: [
                .init(
                    id: "v1", effectiveFrom: SampleBooking.date("2026-01-01T00:00:00Z"),
                    fees: [
                        type60: .usd(140), SessionType(.liveSession, minutes: 30): .usd(75),
                        SessionType(.phoneSupport, minutes: 30): .usd(60),
                    ])
            ] + (nextFees.map { [.init(id: "v2", effectiveFrom: SampleBooking.date("2027-07-01T05:00:00Z"), fees: $0)] } ?? []))
        busyTime = RecordingBusyTime(failing: failingBusyRefresh)
        // Deliberately not sorted: the menu decides the default length, not the list's order.
        let types = [type60, SessionType(.liveSession, minutes: 30), SessionType(.phoneSupport, minutes: 30)]
        let key = try LinkSigningKey("server-test-key-0123456789abcdef0123456789", origin: "test")
        let linkSigner = LinkSigner(key: key)
        signer = linkSigner
        let eventBuilder = BookingEventBuilder(
            organizerName: "Vendor Support", organizerEmail: "support@vendor.example", conferencePhone: "+1 555 0100",
            meetingURLTemplate: "https://meet.example/{booking}")
        let maildir = FileManager.default.temporaryDirectory.appendingPathComponent("server-fixture-mail-\(UUID().uuidString)")
        self.maildir = maildir
        desk = SupportDesk(
            bookings: BookingDesk(store: store, policy: .default, feeSchedule: fees, staff: staff, hasher: hasher),
            menu: SessionMenu(types), eventBuilder: eventBuilder,
            calendars: StaffCalendars(staff: staff, calendars: [:]), busyTime: busyTime,
            mail: MailSetup {
                // Outbox items are never delivered here (no jobs run); only the account's direct emails go out.
                let composer = NoticeComposer(
                    eventBuilder: eventBuilder, templates: try NoticeTemplates(), signer: linkSigner,
                    publicBaseURL: URL(string: "https://support.example")!, policy: .default,
                    from: try Mailbox(name: "Vendor Support", address: "support@vendor.example"), replyTo: nil)
                return (composer, .maildir(Maildir(folder: maildir)))
            }, logger: testLogger)
        let clock = TestClock(SampleBooking.date(now))
        self.clock = clock
        environment = ServerEnvironment(
            desk: desk, signer: signer, formKey: key.derivedKey(for: "supportcal-forms"),
            publicBaseURL: URL(string: "https://support.example")!,
            staffToken: Self.staffToken, webhookToken: Self.webhookToken, trustForwardedFor: true,
            codeAttemptsPerAddress: codeAttemptsPerAddress, support: support, codeSealer: Self.sealer, staffAdmins: staffAdmins,
            now: { clock.now },
            logger: testLogger)
    }

    func set(now: String) { clock.set(SampleBooking.date(now)) }

    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let router = SupportServer.router(environment)
        return try await Application(router: router).test(.router) { client in try await body(client) }
    }

    func token(_ booking: String, _ action: LinkToken.Action, expires: Date = ServerFixture.start.addingTimeInterval(-65 * 60)) -> String {
        signer.sign(LinkToken(bookingID: booking, action: action, expires: expires))
    }

    func booking(_ id: String) throws -> Booking { try store.read { tx in try tx.requireBooking(BookingID(id)) } }
    func bookingCount() throws -> Int { try store.read { tx in try tx.bookings().count } }
}

/// Calendar reads the routes ask for, counted instead of done.
final class RecordingBusyTime: BusyTimeRefresher {
    let windows = Mutex<[BusyRefreshWindow]>([])
    let failing: Bool
    init(failing: Bool) { self.failing = failing }

    struct Broken: Error, CustomStringConvertible { var description: String { "SQLITE_CORRUPT at /var/lib/secret/path" } }

    var refreshes: Int { windows.withLock { $0.count } }

    func refresh(_ window: BusyRefreshWindow) async throws {
        if failing { throw Broken() }
        windows.withLock { $0.append(window) }
    }
}

extension TestClientProtocol {
    /// JSON request helper: returns status, headers and the decoded JSON object.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, bearer: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> (HTTPResponse.Status, HTTPFields, [String: Any]) {
        var headers = extra
        if json != nil { headers[.contentType] = "application/json" }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            // Every API answer is a JSON object: anything else is a failure here, so a test
            // that checks for an absent key cannot pass on a body that is not JSON at all.
            // (A JSON array, as the openings list is, comes back under the key "items".)
            let body = Data(response.body.readableBytesView)
            let parsed = try? JSONSerialization.jsonObject(with: body)
            if let array = parsed as? [Any] { return (response.status, response.headers, ["items": array]) }
            guard let object = parsed as? [String: Any] else {
                throw NotAJSONObject(status: response.status, body: String(decoding: body.prefix(500), as: UTF8.self))
            }
            return (response.status, response.headers, object)
        }
    }
}

struct NotAJSONObject: Error, CustomStringConvertible {
    var status: HTTPResponse.Status
    var body: String
    var description: String { "the answer (\(status.code)) is not a JSON object: \(body)" }
}

/// The service's clock, moved by the test.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ date: Date) { value = Mutex(date) }
    var now: Date { value.withLock { $0 } }
    func set(_ date: Date) { value.withLock { $0 = date } }
}

extension ServerFixture {
    /// The store read and written synchronously, from async tests too.
    func stored<T>(_ body: (StoreTransaction) throws -> T) throws -> T { try store.read(body) }
    func storing<T>(_ body: (StoreTransaction) throws -> T) throws -> T { try store.write(body) }
}
