/// The session types customers can book, and the one place that decides which length a
/// request without one gets: the shortest offered for its kind (a customer who does not
/// say is not charged for more time than they asked for).
public struct SessionMenu: Sendable, Hashable {
    /// Sorted, so every list shown to a person reads shortest first.
    public let types: [SessionType]

    public init(_ types: [SessionType]) {
        self.types = Array(Set(types)).sorted()
    }

    public var kinds: [SessionKind] { Array(Set(types.map(\.kind))).sorted() }

    /// The lengths offered for `kind`, shortest first.
    public func lengths(of kind: SessionKind) -> [Int] {
        types.filter { $0.kind == kind }.map(\.minutes)
    }

    /// The length a request for `kind` gets when it names none.
    public func defaultType(for kind: SessionKind) -> SessionType? {
        lengths(of: kind).first.map { SessionType(kind, minutes: $0) }
    }

    /// Why a requested type is not on the menu; each caller names its own field.
    public enum Refusal: Error, Sendable, Equatable {
        /// Not a kind SupportCal knows at all.
        case unknownKind(String)
        /// A known kind this installation does not offer.
        case kindNotOffered(SessionKind)
        case lengthNotOffered(SessionKind, Int, offered: [Int])
    }

    /// The type for `kind` (a raw name, as typed) and `length` (the default when `nil`).
    public func choose(kind text: String, length: Int?) throws(Refusal) -> SessionType {
        guard let kind = SessionKind(rawValue: text) else { throw .unknownKind(text) }
        let lengths = lengths(of: kind)
        guard let chosen = length ?? lengths.first else { throw .kindNotOffered(kind) }
        guard lengths.contains(chosen) else { throw .lengthNotOffered(kind, chosen, offered: lengths) }
        return SessionType(kind, minutes: chosen)
    }
}
