import ArgumentParser
import Foundation
import Scheduling

/// How a policy refusal reaches the user: the rule and the customer-facing reason, exit 3.
struct Refusal: Encodable {
    var refused: Bool = true
    var rule: String
    var reason: String
}

extension Decision {
    /// The accepted value, or prints the refusal (text or JSON) and exits 3. The text
    /// ends with `unchanged`, what did not happen ("Nothing was booked."), so nobody
    /// reads the reason's own words as a record of what was done.
    func acceptedOrExit(json: Bool, unchanged: String) throws -> Accepted {
        switch self {
        case .accepted(let value):
            return value
        case .refused(let rule, let reason):
            if json {
                try JSONOutput.print(Refusal(rule: rule.rawValue, reason: reason))
            } else {
                print("refused (\(rule.rawValue)): \(reason) \(unchanged)")
            }
            throw ExitStatus.refused
        }
    }
}
