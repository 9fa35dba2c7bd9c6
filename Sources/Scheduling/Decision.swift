/// The answer to a policy question. A refusal is a normal outcome, not an error:
/// it names the rule that refused and carries a sentence the customer can read.
public enum Decision<Accepted: Sendable>: Sendable {
    case accepted(Accepted)
    case refused(Rule, reason: String)

    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    public var isRefused: Bool { !isAccepted }

    /// The accepted value, or `nil` for a refusal.
    public var value: Accepted? {
        if case .accepted(let value) = self { return value }
        return nil
    }

    /// The rule that refused, or `nil` when accepted.
    public var rule: Rule? {
        if case .refused(let rule, _) = self { return rule }
        return nil
    }

    /// The customer-facing sentence of a refusal, or `nil` when accepted.
    public var reason: String? {
        if case .refused(_, let reason) = self { return reason }
        return nil
    }

    public func map<T: Sendable>(_ transform: (Accepted) throws -> T) rethrows -> Decision<T> {
        switch self {
        case .accepted(let value): return .accepted(try transform(value))
        case .refused(let rule, let reason): return .refused(rule, reason: reason)
        }
    }
}

extension Decision: Equatable where Accepted: Equatable {}
extension Decision: Hashable where Accepted: Hashable {}
