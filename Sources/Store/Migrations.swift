internal import GRDB

/// The schema, as GRDB migrations. Append new migrations; never edit a shipped one.
///
/// Conventions: instants are INTEGER milliseconds since 1970 UTC (`_ms` columns, see
/// `Instant`); money is INTEGER cents plus an ISO 4217 currency; identifiers are the
/// TEXT raw values of the Scheduling identifier types; booleans are 0/1.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial", migrate: v1)
        migrator.registerMigration("v2-idempotency", migrate: v2)
        migrator.registerMigration("v3-contact-phone-and-removal", migrate: v3)
        migrator.registerMigration("v4-bounded-ranges-and-availability-version", migrate: v4)
        migrator.registerMigration("v5-sealed-maintenance-codes", migrate: v5)
        migrator.registerMigration("v6-account-sign-in", migrate: v6)
        migrator.registerMigration("v7-emergency-requests-and-api-tokens", migrate: v7)
        migrator.registerMigration("v8-sign-in-for-staff-too", migrate: v8)
        return migrator
    }

    private static func v1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE companies (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL
                );
                CREATE TABLE company_plans (
                    company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
                    plan_id TEXT NOT NULL,
                    tier TEXT NOT NULL CHECK (tier IN ('free', 'discounted')),
                    percent_off INTEGER CHECK (percent_off IS NULL OR percent_off BETWEEN 1 AND 99),
                    valid_from_ms INTEGER NOT NULL,
                    valid_until_ms INTEGER NOT NULL,
                    PRIMARY KEY (company_id, plan_id)
                );
                -- Only the salted digest: the code itself is printed once and never stored.
                CREATE TABLE maintenance_codes (
                    company_id TEXT PRIMARY KEY NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
                    salt BLOB NOT NULL,
                    digest BLOB NOT NULL,
                    issued_at_ms INTEGER NOT NULL
                );
                CREATE TABLE wrong_code_attempts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
                    at_ms INTEGER NOT NULL
                );
                CREATE INDEX wrong_code_attempts_company ON wrong_code_attempts(company_id, at_ms);

                CREATE TABLE contacts (
                    id TEXT PRIMARY KEY NOT NULL,
                    company_id TEXT NOT NULL REFERENCES companies(id),
                    name TEXT NOT NULL,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    time_zone TEXT NOT NULL
                );
                CREATE INDEX contacts_company ON contacts(company_id);

                CREATE TABLE staff (
                    key TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT,
                    time_zone TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1
                );

                CREATE TABLE bookings (
                    id TEXT PRIMARY KEY NOT NULL,
                    company_id TEXT NOT NULL REFERENCES companies(id),
                    contact_id TEXT NOT NULL REFERENCES contacts(id),
                    session_kind TEXT NOT NULL,
                    session_minutes INTEGER NOT NULL CHECK (session_minutes > 0),
                    start_ms INTEGER NOT NULL,
                    end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
                    staff_key TEXT NOT NULL REFERENCES staff(key),
                    charge_basis TEXT NOT NULL,
                    amount_cents INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    fee_schedule_version TEXT,
                    plan_id TEXT,
                    status TEXT NOT NULL,
                    booked_at_ms INTEGER NOT NULL,
                    sequence INTEGER NOT NULL DEFAULT 0,
                    joined_at_ms INTEGER,
                    closed_at_ms INTEGER,
                    updated_at_ms INTEGER NOT NULL,
                    needs_refund_review INTEGER NOT NULL DEFAULT 0,
                    calendar_uid TEXT NOT NULL UNIQUE,
                    is_emergency INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX bookings_staff_start ON bookings(staff_key, start_ms);
                CREATE INDEX bookings_company ON bookings(company_id, start_ms);
                CREATE INDEX bookings_start ON bookings(start_ms);
                CREATE INDEX bookings_status_start ON bookings(status, start_ms);

                CREATE TABLE payments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('reinstatement', 'booking-fee')),
                    company_id TEXT NOT NULL REFERENCES companies(id),
                    booking_id TEXT REFERENCES bookings(id),
                    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
                    currency TEXT NOT NULL,
                    payment_ref TEXT NOT NULL UNIQUE,
                    recorded_at_ms INTEGER NOT NULL
                );
                CREATE INDEX payments_company ON payments(company_id, recorded_at_ms);
                CREATE INDEX payments_booking ON payments(booking_id);

                CREATE TABLE return_calls (
                    id TEXT PRIMARY KEY NOT NULL,
                    company_id TEXT NOT NULL REFERENCES companies(id),
                    contact_id TEXT NOT NULL REFERENCES contacts(id),
                    staff_key TEXT NOT NULL REFERENCES staff(key),
                    start_ms INTEGER NOT NULL,
                    end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
                    attempt INTEGER NOT NULL,
                    requested_at_ms INTEGER NOT NULL,
                    note TEXT,
                    outcome TEXT,
                    outcome_at_ms INTEGER
                );
                CREATE INDEX return_calls_company ON return_calls(company_id, requested_at_ms);
                CREATE INDEX return_calls_staff_start ON return_calls(staff_key, start_ms);

                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    booking_id TEXT REFERENCES bookings(id),
                    target TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    dedupe_key TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'cancelled')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at_ms INTEGER NOT NULL,
                    claimed_at_ms INTEGER,
                    last_error TEXT,
                    created_at_ms INTEGER NOT NULL,
                    delivered_at_ms INTEGER
                );
                CREATE INDEX outbox_due ON outbox(status, next_attempt_at_ms);
                CREATE INDEX outbox_booking ON outbox(booking_id);

                CREATE TABLE calendar_objects (
                    staff_key TEXT NOT NULL REFERENCES staff(key),
                    href TEXT NOT NULL,
                    calendar TEXT NOT NULL,
                    etag TEXT,
                    uid TEXT,
                    booking_id TEXT REFERENCES bookings(id),
                    updated_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (staff_key, href)
                );
                CREATE INDEX calendar_objects_uid ON calendar_objects(uid);
                CREATE INDEX calendar_objects_booking ON calendar_objects(booking_id);

                CREATE TABLE calendar_state (
                    staff_key TEXT NOT NULL REFERENCES staff(key),
                    calendar TEXT NOT NULL,
                    sync_token TEXT,
                    ctag TEXT,
                    last_synced_at_ms INTEGER,
                    PRIMARY KEY (staff_key, calendar)
                );

                CREATE TABLE busy_intervals (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    staff_key TEXT NOT NULL REFERENCES staff(key),
                    start_ms INTEGER NOT NULL,
                    end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
                    source TEXT NOT NULL
                );
                CREATE INDEX busy_intervals_staff ON busy_intervals(staff_key, source, start_ms);

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at_ms INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    booking_id TEXT,
                    company_id TEXT,
                    via TEXT NOT NULL,
                    details TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX audit_log_booking ON audit_log(booking_id, id);
                CREATE INDEX audit_log_company ON audit_log(company_id, id);
                """)
    }

    /// The HTTP API's Idempotency-Key records: a retried POST returns the first answer.
    static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE idempotency_keys (
                    key TEXT PRIMARY KEY,
                    fingerprint TEXT NOT NULL,
                    status INTEGER,
                    body TEXT,
                    created_at_ms INTEGER NOT NULL
                );
                """)
    }

    /// Contacts get a phone number (for return calls) and can be removed. A removed
    /// contact stays (bookings and return calls refer to it) but frees its address, so the
    /// email is unique among current contacts only: the table is rebuilt (SQLite cannot
    /// drop a UNIQUE column constraint), keeping every row.
    static func v3(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE contacts_v3 (
                    id TEXT PRIMARY KEY NOT NULL,
                    company_id TEXT NOT NULL REFERENCES companies(id),
                    name TEXT NOT NULL,
                    email TEXT NOT NULL COLLATE NOCASE,
                    time_zone TEXT NOT NULL,
                    phone TEXT,
                    removed_at_ms INTEGER
                );
                INSERT INTO contacts_v3 (id, company_id, name, email, time_zone) SELECT id, company_id, name, email, time_zone FROM \
                contacts;
                DROP TABLE contacts;
                ALTER TABLE contacts_v3 RENAME TO contacts;
                CREATE INDEX contacts_company ON contacts(company_id);
                CREATE UNIQUE INDEX contacts_current_email ON contacts(email) WHERE removed_at_ms IS NULL;
                """)
    }
}
