import Foundation
import Scheduling
import Testing

@testable import Store

@Suite struct CompanyStandingTests {
    @Test func twoFreeNoShowsSuspendUntilAReinstatementIsRecorded() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let policy = Policy.default
        try store.write { tx in
            for (i, day) in ["2026-10-05", "2026-10-12"].enumerated() {
                let booking = makeBooking(
                    BookingID("b-\(i)"), start: utc("\(day)T10:00:00Z"), charge: freeCharge, bookedAt: utc("2026-10-01T00:00:00Z"))
                try tx.insert(booking)
                try tx.update(NoShowCloser(policy).closeDue([booking], now: utc("\(day)T10:10:00Z")).first!)
            }
            // A paid no-show does not count (§6).
            let paid = makeBooking("b-paid", start: utc("2026-10-13T10:00:00Z"), bookedAt: utc("2026-10-01T00:00:00Z"))
            try tx.insert(paid)
            try tx.update(try paid.closedAsNoShow(at: utc("2026-10-13T11:00:00Z"), grace: 600))
        }
        let standing = try store.read { try $0.companyStanding("acme", policy: policy) }
        #expect(standing.isSuspended && standing.freeNoShowCount == 2)

        let now = utc("2026-10-14T09:00:00Z")
        let payment = try store.write { tx -> Payment in
            let decision = try tx.companyStanding("acme", policy: policy).reinstate(
                companyID: "acme", amount: .usd(100), now: now, zone: utcZone)
            guard let reinstatement = decision.value else { throw StoreError(.invalidInput, "refused: \(decision.reason ?? "")") }
            return try tx.record(reinstatement, reference: "R-17")
        }
        #expect(payment.id > 0 && payment.kind == .reinstatement && payment.reference == "R-17")
        #expect(try store.read { try $0.companyStanding("acme", policy: policy) }.isSuspended == false)
        #expect(
            try store.read { try $0.reinstatements(company: "acme") } == [
                Reinstatement(companyID: "acme", amount: .usd(100), recordedAt: now)
            ])
        // The same payment reference cannot be recorded twice (a retried command).
        #expect {
            try store.write { try $0.record(Reinstatement(companyID: "acme", amount: .usd(100), recordedAt: now), reference: "R-17") }
        } throws: { error in
            (error as? StoreError)?.code == .duplicate && "\(error)".contains("R-17")
        }
    }

    @Test func wrongCodeAttemptsAreKeptPerCompanyForTheLimiter() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let now = utc("2026-10-20T12:00:00Z")
        try store.write { tx in
            try tx.insert(Company(id: "other", name: "Other"))
            for minutes in [-30, -10, -5, -1] {
                try tx.recordWrongCodeAttempt(company: "acme", at: now.addingTimeInterval(Double(minutes * 60)))
            }
            try tx.recordWrongCodeAttempt(company: "other", at: now)
        }
        let recent = try store.read { try $0.wrongCodeAttempts(company: "acme", since: now.addingTimeInterval(-15 * 60)) }
        #expect(recent == [-10, -5, -1].map { now.addingTimeInterval(Double($0 * 60)) })
        #expect(CodeAttemptLimiter(limit: 3).check(wrongAttempts: recent, now: now, zone: utcZone).rule == .codeRateLimited)
    }

    @Test func feesDueListPaidBookingsNotYetPaid() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { tx in
            try tx.insert(makeBooking("b-paid"))
            try tx.insert(makeBooking("b-part", start: utc("2026-11-04T10:00:00Z")))
            try tx.insert(makeBooking("b-free", start: utc("2026-11-05T10:00:00Z"), charge: freeCharge))
            try tx.insert(makeBooking("b-staff", start: utc("2026-11-06T10:00:00Z"), status: .cancelledByStaff))
            try tx.insert(makeBooking("b-cust", start: utc("2026-11-07T10:00:00Z"), status: .cancelledByCustomer))
            try tx.record(
                Payment(
                    kind: .bookingFee, companyID: "acme", bookingID: "b-paid", amount: .usd(150), reference: "INV-1",
                    recordedAt: utc("2026-10-21T00:00:00Z")))
            try tx.record(
                Payment(
                    kind: .bookingFee, companyID: "acme", bookingID: "b-part", amount: .usd(50), reference: "INV-2",
                    recordedAt: utc("2026-10-21T00:00:00Z")))
        }
        let due = try store.read { try $0.feesDue(company: "acme") }
        #expect(due.map(\.booking.id) == ["b-part", "b-cust"])
        #expect(due.first?.outstanding == .usd(100) && due.first?.paid == .usd(50))
        #expect(try store.read { try $0.payments(company: "acme") }.map(\.reference) == ["INV-1", "INV-2"])
        #expect(try store.read { try $0.payment(reference: "INV-2") }?.bookingID == "b-part")
    }
}
