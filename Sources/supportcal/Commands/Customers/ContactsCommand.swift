import ArgumentParser
import Foundation
import Scheduling
import Store

struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "The people who book for a company.",
        subcommands: [Add.self, List.self]
    )

    struct ContactView: Encodable {
        var id: String
        var company: String
        var name: String
        var email: String
        var timeZone: String
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a contact to a company.",
            discussion: """
            Every time shown to a contact (slots, emails, refusals) is in their zone.

            Example: supportcal contacts add --company orsted --email eve@orsted.example --name "Eve Ørsted" --tz Europe/Copenhagen
            """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The company id.") var company: String
        @Option(help: "Email address (unique).") var email: String
        @Option(help: "Full name.") var name: String
        @Option(help: "IANA time zone, e.g. America/Chicago.") var tz: ZoneArgument

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                guard email.contains("@"), !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
                    throw CommandFailure(message: "--email \(email) is not an email address", exitCode: ExitStatus.usage)
                }
                let contact = Contact(id: ContactID("c-\(UUID().uuidString.prefix(8).lowercased())"), companyID: CompanyID(company),
                                      name: name, email: email, timeZone: tz.zone)
                let actor = context.actor("contacts add")
                do {
                    try context.store.write { tx in
                        guard try tx.company(contact.companyID) != nil else { throw CommandFailure(message: "no company \(company) (see `supportcal companies list`)") }
                        try tx.insert(contact)
                        _ = try tx.audit(AuditRecord(at: context.now, actor: actor.name, action: "contact.added", companyID: contact.companyID,
                                                     via: actor.via, details: ["email": email]))
                    }
                } catch let error as StoreError {
                    throw CommandFailure(message: error.message)
                }
                let view = ContactView(id: contact.id.rawValue, company: company, name: name, email: email, timeZone: tz.identifier)
                if global.json { try JSONOutput.print(view) } else { print("added \(name) <\(email)> to \(company) (\(tz.identifier))") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List contacts.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this company's.") var company: String?

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                let views = try context.store.read { tx in
                    let companies = try company.map { [CompanyID($0)] } ?? tx.companies().map(\.id)
                    return try companies.flatMap { try tx.contacts(of: $0) }.map {
                        ContactView(id: $0.id.rawValue, company: $0.companyID.rawValue, name: $0.name, email: $0.email, timeZone: $0.timeZone.identifier)
                    }
                }
                if global.json { try JSONOutput.print(views); return }
                if views.isEmpty { print("no contacts yet (supportcal contacts add --help)") }
                for view in views { print("\(view.email)  \(view.name)  \(view.company)  \(view.timeZone)") }
            }
        }
    }
}
