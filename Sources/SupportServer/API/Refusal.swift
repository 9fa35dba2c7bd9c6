import HTTPTypes
import Scheduling

/// A policy refusal as the API answers it: `{"refused": true, "rule": …, "reason": …}`.
struct RefusalJSON: Codable {
    var refused = true
    var rule: String
    var reason: String

    init(_ rule: Rule, reason: String) {
        self.rule = rule.rawValue
        self.reason = reason
    }
}

extension Rule {
    /// 409 when the booking's state is in the way (the slot was taken, it is already
    /// cancelled), 429 for the code rate limits, 422 for every other rule. Pages use the
    /// same statuses.
    var httpStatus: HTTPResponse.Status {
        switch self {
        case .slotTaken, .bookingNotActive, .returnCallAlreadyAttempted, .returnCallAlreadyPlanned, .alreadyBookedThen,
            .emergencyRequestClosed:
            .conflict
        case .codeRateLimited: .tooManyRequests
        default: .unprocessableContent
        }
    }
}
