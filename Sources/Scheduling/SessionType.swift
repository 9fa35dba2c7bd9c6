import Foundation

/// §1: what can be booked.
public enum SessionKind: String, Hashable, Codable, Sendable, CaseIterable, Comparable {
    /// Screen sharing plus a conference line.
    case liveSession = "live-session"
    case phoneSupport = "phone-support"

    public var displayName: String {
        switch self {
        case .liveSession: "live session"
        case .phoneSupport: "phone support session"
        }
    }

    public static func < (lhs: SessionKind, rhs: SessionKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A kind in one of the lengths the fee schedule lists ("live session, 60 minutes").
public struct SessionType: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public var kind: SessionKind
    public var minutes: Int

    public init(_ kind: SessionKind, minutes: Int) {
        precondition(minutes > 0, "a session lasts at least a minute")
        self.kind = kind
        self.minutes = minutes
    }

    public var duration: TimeInterval { TimeInterval(minutes * 60) }

    public static func < (lhs: SessionType, rhs: SessionType) -> Bool {
        (lhs.kind, lhs.minutes) < (rhs.kind, rhs.minutes)
    }

    /// "60-minute live session"
    public var description: String { "\(minutes)-minute \(kind.displayName)" }
}
