/// What sync-collection (RFC 6578) reported since a token.
public enum SyncResult: Sendable, Hashable {
    /// The changes, and the token to ask with next time.
    case changes(SyncChanges)
    /// The server no longer knows the token (403, 409 or 412 with DAV:valid-sync-token):
    /// forget it and resynchronize from scratch. Never a reason to stop syncing.
    case tokenInvalid(detail: String)

    public var changes: SyncChanges? {
        if case .changes(let changes) = self { return changes }
        return nil
    }
}

public struct SyncChanges: Sendable, Hashable {
    public var token: String
    /// Objects added or changed, with their new ETags.
    public var changed: [ObjectVersion]
    /// Objects removed.
    public var deleted: [Href]
    /// How many REPORTs it took: more than one when the server truncated with 507.
    public var pages: Int

    public init(token: String, changed: [ObjectVersion], deleted: [Href], pages: Int) {
        self.token = token
        self.changed = changed
        self.deleted = deleted
        self.pages = pages
    }
}
