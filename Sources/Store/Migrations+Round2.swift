internal import GRDB

// The migrations of round 2 (bounded ranges, sealed codes, account sign-in); conventions in
// `Migrations`. Append new migrations; never edit a shipped one.
extension Migrations {

    /// Range queries bounded on both sides (`StoredSpan`): every table read by time gets an
    /// index on its start, busy time longer than a day is cut into day-long pieces, and
    /// `availability_version` counts every change to what availability reads, so a cache
    /// of it (in this process or another) knows when it is stale.
    static func v4(_ db: Database) throws {
        let longest = Int64(StoredSpan.longestRow * 1000)
        let long = try Row.fetchAll(
            db, sql: "SELECT id, staff_key, start_ms, end_ms, source FROM busy_intervals WHERE end_ms - start_ms > ?", arguments: [longest])
        for row in long {
            let id: Int64 = row["id"]
            let end: Int64 = row["end_ms"]
            var start: Int64 = row["start_ms"]
            try db.execute(sql: "DELETE FROM busy_intervals WHERE id = ?", arguments: [id])
            while start < end {
                let pieceEnd = min(end, start + longest)
                try db.execute(
                    sql: "INSERT INTO busy_intervals (staff_key, start_ms, end_ms, source) VALUES (?, ?, ?, ?)",
                    arguments: [row["staff_key"] as String, start, pieceEnd, row["source"] as String])
                start = pieceEnd
            }
        }
        var sql = """
            CREATE INDEX busy_intervals_start ON busy_intervals(start_ms);
            CREATE INDEX return_calls_start ON return_calls(start_ms);
            CREATE INDEX bookings_company_status ON bookings(company_id, status, start_ms);
            CREATE TABLE availability_version (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                version INTEGER NOT NULL
            );
            INSERT INTO availability_version (id, version) VALUES (1, 0);

            """
        for table in ["bookings", "busy_intervals", "return_calls"] {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                sql += """
                    CREATE TRIGGER \(table)_\(event.lowercased())_availability AFTER \(event) ON \(table)
                    BEGIN UPDATE availability_version SET version = version + 1 WHERE id = 1; END;

                    """
            }
        }
        try db.execute(sql: sql)
    }

    /// v5: the maintenance code kept sealed beside its digest, so a company's contacts can
    /// read it on their profile (§2: "log into your support account and access your
    /// Profile page"). Codes issued before stay checkable and unreadable until rotated.
    static func v5(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE maintenance_codes ADD COLUMN sealed BLOB")
    }

    /// v6: the customer account's emailed sign-in links and sessions, kept in the store so
    /// several service instances share them. Only digests of the link tokens and session
    /// ids are stored: a copy of the database signs nobody in.
    static func v6(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE account_sign_in_links (
                    token_digest BLOB PRIMARY KEY,
                    contact_id TEXT NOT NULL REFERENCES contacts(id),
                    created_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    used_ms INTEGER
                );
                CREATE INDEX account_sign_in_links_contact ON account_sign_in_links(contact_id, created_ms);
                CREATE TABLE account_sessions (
                    id_digest BLOB PRIMARY KEY,
                    contact_id TEXT NOT NULL REFERENCES contacts(id),
                    created_ms INTEGER NOT NULL,
                    last_seen_ms INTEGER NOT NULL,
                    ended_ms INTEGER
                );
                CREATE INDEX account_sessions_contact ON account_sessions(contact_id);
                """)
    }

    /// v7: emergency requests from the customer account (§7: "request an emergency
    /// appointment"), queued for staff; and sessions that are API tokens rather than a
    /// browser's cookie (`kind`), issued from the same sign-in.
    static func v7(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE emergency_requests (
                    id TEXT PRIMARY KEY NOT NULL,
                    company_id TEXT NOT NULL REFERENCES companies(id),
                    contact_id TEXT NOT NULL REFERENCES contacts(id),
                    requested_ms INTEGER NOT NULL,
                    problem TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'placed', 'declined', 'withdrawn')),
                    state_ms INTEGER NOT NULL,
                    booking_id TEXT REFERENCES bookings(id),
                    reason TEXT
                );
                CREATE INDEX emergency_requests_company ON emergency_requests(company_id, requested_ms);
                CREATE INDEX emergency_requests_state ON emergency_requests(state, requested_ms);
                ALTER TABLE account_sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'browser' CHECK (kind IN ('browser', 'api'));
                """)
    }

    /// v8: sign-in links and sessions for staff members too (the staff console): one table
    /// each, whose row names either a contact or a staff member, never both. The v6 rows
    /// move over unchanged.
    static func v8(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE sign_in_links (
                    token_digest BLOB PRIMARY KEY,
                    contact_id TEXT REFERENCES contacts(id),
                    staff_key TEXT REFERENCES staff(key),
                    created_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    used_ms INTEGER,
                    CHECK ((contact_id IS NULL) <> (staff_key IS NULL))
                );
                INSERT INTO sign_in_links (token_digest, contact_id, created_ms, expires_ms, used_ms)
                    SELECT token_digest, contact_id, created_ms, expires_ms, used_ms FROM account_sign_in_links;
                DROP TABLE account_sign_in_links;
                CREATE INDEX sign_in_links_contact ON sign_in_links(contact_id, created_ms);
                CREATE INDEX sign_in_links_staff ON sign_in_links(staff_key, created_ms);
                CREATE TABLE sign_in_sessions (
                    id_digest BLOB PRIMARY KEY,
                    contact_id TEXT REFERENCES contacts(id),
                    staff_key TEXT REFERENCES staff(key),
                    created_ms INTEGER NOT NULL,
                    last_seen_ms INTEGER NOT NULL,
                    ended_ms INTEGER,
                    kind TEXT NOT NULL DEFAULT 'browser' CHECK (kind IN ('browser', 'api')),
                    CHECK ((contact_id IS NULL) <> (staff_key IS NULL))
                );
                INSERT INTO sign_in_sessions (id_digest, contact_id, created_ms, last_seen_ms, ended_ms, kind)
                    SELECT id_digest, contact_id, created_ms, last_seen_ms, ended_ms, kind FROM account_sessions;
                DROP TABLE account_sessions;
                CREATE INDEX sign_in_sessions_contact ON sign_in_sessions(contact_id);
                CREATE INDEX sign_in_sessions_staff ON sign_in_sessions(staff_key);
                """)
    }
}
