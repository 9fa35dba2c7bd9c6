import Foundation
import Testing

@testable import Scheduling

@Suite("Policy defaults and rules")
struct PolicyTests {
    @Test func defaultsAreThoseOfTheSupportPolicy() throws {
        let p = Policy.default
        #expect(p.cancellationCutoff == 65 * 60)
        #expect(p.noShowGrace == 10 * 60)
        #expect(p.minimumNotice == 65 * 60)
        #expect(p.noShowLimit == 2)
        #expect(p.reinstatementFee == Money(cents: 10_000, currency: "USD"))
        #expect(p.reminderLeadTimes == [24 * 3600, 2 * 3600])
        #expect(p.returnCallMaxLength == 10 * 60)
        #expect(p.returnCallAttempts == 1)
        #expect(p.slotStep == 15 * 60)
        try p.validate()
    }

    @Test(arguments: [
        Policy(slotStep: 90), Policy(noShowLimit: 0), Policy(minimumNotice: -1), Policy(reminderLeadTimes: [0]), Policy(wrongCodeLimit: 0),
    ])
    func nonsenseIsRejected(policy: Policy) {
        #expect(throws: SchedulingError.self) { try policy.validate() }
    }

    @Test func policyRoundTripsThroughJSON() throws {
        let policy = Policy(bufferBetweenSessions: 300, vendorTimeZone: Zone.chicago)
        #expect(try JSONDecoder().decode(Policy.self, from: JSONEncoder().encode(policy)) == policy)
    }

    @Test func ruleRawValuesAreStableAndUnique() {
        #expect(Rule.cancelCutoff.rawValue == "cancel-cutoff")
        #expect(Rule.minimumNotice.rawValue == "minimum-notice")
        #expect(Set(Rule.allCases.map(\.rawValue)).count == Rule.allCases.count)
        #expect(Rule.allCases.allSatisfy { $0.rawValue == $0.rawValue.lowercased() && !$0.rawValue.contains(" ") })
    }
}

@Suite struct DecisionTests {
    @Test func accessors() {
        let yes: Decision<Int> = .accepted(3)
        let no: Decision<Int> = .refused(.slotTaken, reason: "gone")
        #expect(yes.isAccepted && !yes.isRefused && yes.value == 3 && yes.rule == nil && yes.reason == nil)
        #expect(!no.isAccepted && no.isRefused && no.value == nil && no.rule == .slotTaken && no.reason == "gone")
        #expect(yes.map { $0 * 2 } == .accepted(6))
        #expect(no.map { $0 * 2 } == .refused(.slotTaken, reason: "gone"))
    }
}
