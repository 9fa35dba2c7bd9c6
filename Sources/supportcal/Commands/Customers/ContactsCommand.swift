import ArgumentParser
import Foundation
import Operations
import Scheduling
import Store

struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "The people who book for a company.",
        subcommands: [Add.self, List.self, Change.self, Remove.self]
    )

    /// A contact under `--json`; `zone` as in the API's booking object.
    struct ContactView: Encodable {
        var id: String
        var company: String
        var name: String
        var email: String
        var zone: String
        var phone: String?

        init(_ contact: Contact) {
            id = contact.id.rawValue
            company = contact.companyID.rawValue
            name = contact.name
            email = contact.email
            zone = contact.timeZone.identifier
            phone = contact.phone
        }

        func line() -> String {
            "\(name) <\(email)> (\(zone))\(phone.map { ", phone \($0)" } ?? "")"
        }
    }

    static func checkEmail(_ email: String) throws {
        guard email.contains("@"), !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
            throw CommandFailure(message: "--email \(email) is not an email address", exitCode: ExitStatus.usage)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a contact to a company.",
            discussion: """
                Every time shown to a contact (slots, emails, refusals) is in their zone. The phone number is where staff call them back \
                (it goes into the return call's calendar event).

                Example: supportcal contacts add --company orsted --email eve@orsted.example \\
                          --name "Eve Ørsted" --tz Europe/Copenhagen \\
                          --phone "+45 12 34 56 78"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The company id.") var company: String
        @Option(help: "Email address (unique).") var email: String
        @Option(help: "Full name.") var name: String
        @Option(help: "IANA time zone, e.g. America/Chicago.", transform: ZoneArgument.parse) var tz: ZoneArgument
        @Option(help: "Phone number for return calls.") var phone: String?

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                try ContactsCommand.checkEmail(email)
                let contact = Contact(
                    id: ContactID("c-\(UUID().uuidString.prefix(8).lowercased())"), companyID: CompanyID(company),
                    name: name, email: email, timeZone: tz.zone, phone: phone)
                let actor = context.actor("contacts add")
                try context.store.write { tx in
                    guard try tx.company(contact.companyID) != nil else {
                        throw CommandFailure.unknown("company \(company)", see: "supportcal companies list")
                    }
                    try tx.insert(contact)
                    _ = try tx.audit(
                        AuditRecord(
                            at: context.now, actor: actor.name, action: "contact.added", companyID: contact.companyID,
                            via: actor.via, details: ["email": email]))
                }
                if global.json {
                    try JSONOutput.print(ContactView(contact))
                } else {
                    print("added \(name) <\(email)> to \(company) (\(tz.identifier))")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List contacts.",
            discussion: "Example: supportcal contacts list --company orsted"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this company's.") var company: String?

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let views = try context.store.read { tx in
                    if let company, try tx.company(CompanyID(company)) == nil {
                        throw CommandFailure.unknown("company \(company)", see: "supportcal companies list")
                    }
                    let companies = try company.map { [CompanyID($0)] } ?? tx.companies().map(\.id)
                    return try companies.flatMap { try tx.contacts(of: $0) }.map(ContactView.init)
                }
                if global.json {
                    try JSONOutput.print(views)
                    return
                }
                if views.isEmpty { print("no contacts yet (supportcal contacts add --help)") }
                for view in views {
                    print("\(view.email)  \(view.name)  \(view.company)  \(view.zone)\(view.phone.map { "  \($0)" } ?? "")")
                }
            }
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a contact's name, zone, email address or phone number.",
            discussion: """
                Only the options given change. Bookings stay with the contact; emails sent from now on use the new address and zone. \
                --phone "" removes the number.

                Example: supportcal contacts set eve@orsted.example --tz Europe/Berlin \\
                          --phone "+49 30 1234567"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's current email address.") var contact: String
        @Option(help: "New full name.") var name: String?
        @Option(help: "New IANA time zone.", transform: ZoneArgument.parse) var tz: ZoneArgument?
        @Option(help: "New email address.") var email: String?
        @Option(help: "New phone number (empty to remove it).") var phone: String?

        func validate() throws {
            if name == nil, tz == nil, email == nil, phone == nil {
                throw ValidationError("say what changes: --name, --tz, --email and/or --phone")
            }
        }

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                if let email { try ContactsCommand.checkEmail(email) }
                let (_, before) = try loadContact(email: contact, context: context)
                var after = before
                if let name { after.name = name }
                if let tz { after.timeZone = tz.zone }
                if let email { after.email = email }
                if let phone { after.phone = phone.isEmpty ? nil : phone }
                var changes: [String: String] = [:]
                if after.name != before.name { changes["name"] = after.name }
                if after.timeZone != before.timeZone { changes["zone"] = after.timeZone.identifier }
                if after.email != before.email { changes["email"] = after.email }
                if after.phone != before.phone { changes["phone"] = after.phone ?? "" }
                let actor = context.actor("contacts set")
                if !changes.isEmpty {
                    try context.store.write { tx in
                        try tx.update(after)
                        _ = try tx.audit(
                            AuditRecord(
                                at: context.now, actor: actor.name, action: "contact.changed", companyID: after.companyID,
                                via: actor.via, details: changes.merging(["contact": before.email]) { new, _ in new }))
                    }
                }
                if global.json {
                    try JSONOutput.print(ContactView(after))
                    return
                }
                print(changes.isEmpty ? "unchanged: \(ContactView(after).line())" : "changed: \(ContactView(after).line())")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a contact from its company.",
            discussion: """
                The contact can no longer book and is no longer listed; past bookings and the audit log keep their name. A contact with \
                upcoming active bookings is not removed (exit 2) unless --cancel-bookings says what happens to them: each is cancelled by \
                staff and the customer is told.

                Example: supportcal contacts remove eve@orsted.example --cancel-bookings
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's email address.") var contact: String
        @Flag(help: "Cancel the contact's upcoming bookings (as staff) and remove them.") var cancelBookings = false

        struct Removed: Encodable {
            var removed: ContactView
            var cancelledBookings: [String]
        }

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let (_, person) = try loadContact(email: contact, context: context)
                let upcoming = try await context.store.read { tx in
                    try tx.bookings(BookingQuery(startingFrom: context.now, statuses: [.confirmed, .rescheduled], contact: person.id))
                }
                if !upcoming.isEmpty, !cancelBookings {
                    throw CommandFailure(
                        message: "\(contact) has \(upcoming.count) upcoming booking\(upcoming.count == 1 ? "" : "s") "
                            + "(\(upcoming.map(\.id.rawValue).joined(separator: ", "))); nothing was removed. "
                            + "Cancel them first, or add --cancel-bookings to cancel them as staff (the customer is told) and "
                            + "remove the contact.",
                        exitCode: ExitStatus.usage)
                }
                var cancelled: [String] = []
                for booking in upcoming {
                    let decision = try await context.desk.cancel(
                        booking.id, by: .staff, actor: context.actor("contacts remove"), now: context.now)
                    _ = try decision.acceptedOrExit(json: global.json, unchanged: "The contact was not removed.")
                    cancelled.append(booking.id.rawValue)
                    try await context.deliver(booking: booking.id)
                }
                let actor = context.actor("contacts remove")
                let cancelledIDs = cancelled
                try await context.store.write { tx in
                    try tx.removeContact(person.id, at: context.now)
                    var details = ["email": person.email, "name": person.name]
                    if !cancelledIDs.isEmpty { details["cancelled"] = cancelledIDs.joined(separator: ",") }
                    _ = try tx.audit(
                        AuditRecord(
                            at: context.now, actor: actor.name, action: "contact.removed", companyID: person.companyID,
                            via: actor.via, details: details))
                }
                if global.json {
                    try JSONOutput.print(Removed(removed: ContactView(person), cancelledBookings: cancelled))
                    return
                }
                print(
                    "removed \(person.name) <\(person.email)> from \(person.companyID.rawValue)"
                        + (cancelled.isEmpty ? "" : "; cancelled \(cancelled.joined(separator: ", ")) (the customer is told)"))
            }
        }
    }
}
