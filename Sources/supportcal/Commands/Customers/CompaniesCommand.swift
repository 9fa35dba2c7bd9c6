import ArgumentParser
import Foundation
import Operations
import Scheduling
import Store
import UseCases

struct CompaniesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "companies",
        abstract: "Customer companies, their maintenance plans and codes.",
        subcommands: [Add.self, Import.self, List.self, Show.self, SetPlan.self, RotateCode.self]
    )

    /// A company under `--json`: `plan` is the plan in force (`PlanJSON`) or null.
    struct CompanyView: Encodable {
        var id: String
        var name: String
        var plan: PlanJSON?
        var hasCode: Bool
        var suspended: Bool
        var freeNoShows: Int

        init(_ company: Company, standing: CompanyStanding, now: Date, vendorZone: TimeZone) {
            id = company.id.rawValue
            name = company.name
            plan = company.plan(at: now).map { PlanJSON($0, vendorZone: vendorZone) }
            hasCode = company.maintenanceCode != nil
            suspended = standing.isSuspended
            freeNoShows = standing.freeNoShowCount
        }

        enum CodingKeys: String, CodingKey { case id, name, plan, hasCode, suspended, freeNoShows }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(plan, forKey: .plan)  // null, not left out: "no plan" is an answer
            try container.encode(hasCode, forKey: .hasCode)
            try container.encode(suspended, forKey: .suspended)
            try container.encode(freeNoShows, forKey: .freeNoShows)
        }

        /// "free plan until 2027-12-31" (the last day it covers, as entered).
        func line() -> String {
            let planText =
                plan.map { "\($0.tier)\($0.discountPercent.map { " \($0)%" } ?? "") plan until \($0.lastDay)" } ?? "no active plan"
            return "\(id)  \(name)  (\(planText)\(hasCode ? ", code on file" : "")\(suspended ? ", SUSPENDED" : ""))"
        }
    }

    /// Issues a fresh code for `company`: returns the code, to be shown once, and what the
    /// store keeps (its digest, and the code sealed for the company's contacts' profile).
    static func issueCode(_ code: String?, for company: CompanyID, context: AppContext) throws -> (String, MaintenanceCode) {
        let admin: CompanyAdministration
        do {
            admin = CompanyAdministration(desk: context.desk, sealer: try CodeSealer.configured(context.configuration))
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        do {
            return try admin.issue(code, for: company, now: context.now)
        } catch let error as SchedulingError {
            throw CommandFailure(message: "--code: \(error.message)", exitCode: ExitStatus.usage)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a company.",
            discussion: """
                A company with a plan needs a maintenance code; without --code one is generated. The code is printed once; the store \
                keeps a salted hash to check it and a copy sealed with the code-sealing key ($SUPPORTCAL_CODE_SEALING_KEY, else \
                code-sealing.key in the data folder), never the plain code.

                Example: supportcal companies add --id orsted --name "Ørsted Crating" \\
                          --plan free --plan-until 2027-06-30
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Short id (letters, digits, -).") var id: String
        @Option(help: "The company's name.") var name: String
        @Option(help: "none, free or discounted.") var plan: PlanArgument = .none
        @Option(help: "Percent off for a discounted plan.") var discount = 50
        @Option(help: "Last day of the plan (default: a year from now).") var planUntil: String?
        @Option(help: "The maintenance code (default: generated).") var code: String?

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw CommandFailure(message: "--id \(id): use letters, digits, - and _", exitCode: ExitStatus.usage)
                }
                let plans = try PlanSpec(plan: plan, discount: discount, until: planUntil).plans(
                    now: context.now, zone: context.policy.vendorTimeZone)
                var issued: (String, MaintenanceCode)?
                if plan != .none || code != nil { issued = try CompaniesCommand.issueCode(code, for: CompanyID(id), context: context) }
                let company = Company(id: CompanyID(id), name: name, plans: plans, maintenanceCode: issued?.1)
                let actor = context.actor("companies add")
                do {
                    try context.store.write { tx in
                        try tx.insert(company)
                        _ = try tx.audit(
                            AuditRecord(
                                at: context.now, actor: actor.name, action: "company.added", companyID: company.id, via: actor.via,
                                details: ["plan": plans.first?.tier.label ?? "none"]))
                    }
                } catch let error as StoreError {
                    throw CommandFailure(message: error.message)
                }
                if global.json {
                    struct Added: Encodable {
                        var id: String
                        var code: String?
                    }
                    try JSONOutput.print(Added(id: id, code: issued?.0))
                } else {
                    print("added \(id) (\(name))")
                    if let code = issued?.0 {
                        print("maintenance code: \(code)   (shown once here; stored as a hash, and sealed for the company's profile)")
                    }
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add companies from a CSV file (id,name,plan,discount,plan_until,code).",
            discussion: """
                The first line names the columns; plan is none, free or discounted; empty cells take the defaults. Generated codes are \
                printed once. Companies that exist already are reported and left as they are; nothing is imported if any line is invalid.

                Example: supportcal companies import Samples/companies.csv
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let rows: [[String: String]]
                do { rows = try CSVTable.read(URL(fileURLWithPath: file)) } catch {
                    throw CommandFailure(message: "\(file): \(error)", exitCode: ExitStatus.usage)
                }
                var companies: [(Company, String?)] = []
                for (index, row) in rows.enumerated() {
                    let line = index + 2
                    guard let id = row["id"], !id.isEmpty, let name = row["name"], !name.isEmpty else {
                        throw CommandFailure(message: "\(file): line \(line): id and name are required", exitCode: ExitStatus.usage)
                    }
                    guard let plan = PlanArgument(rawValue: row["plan"].flatMap { $0.isEmpty ? nil : $0 } ?? "none") else {
                        throw CommandFailure(
                            message: "\(file): line \(line): plan must be none, free or discounted", exitCode: ExitStatus.usage)
                    }
                    let spec = PlanSpec(
                        plan: plan, discount: Int(row["discount"] ?? "") ?? 50, until: row["plan_until"].flatMap { $0.isEmpty ? nil : $0 })
                    let plans: [MaintenancePlan]
                    var issued: (String, MaintenanceCode)?
                    do {
                        plans = try spec.plans(now: context.now, zone: context.policy.vendorTimeZone)
                        let given = row["code"].flatMap { $0.isEmpty ? nil : $0 }
                        if plan != .none || given != nil {
                            issued = try CompaniesCommand.issueCode(given, for: CompanyID(id), context: context)
                        }
                    } catch let failure as CommandFailure {
                        throw CommandFailure(message: "\(file): line \(line): \(failure.message)", exitCode: ExitStatus.usage)
                    }
                    companies.append(
                        (
                            Company(id: CompanyID(id), name: name, plans: plans, maintenanceCode: issued?.1),
                            row["code"].flatMap { $0.isEmpty ? nil : $0 } == nil ? issued?.0 : nil
                        ))
                }
                let actor = context.actor("companies import")
                let existing = try context.store.write { tx -> [String] in
                    var skipped: [String] = []
                    for (company, _) in companies {
                        if try tx.company(company.id) != nil {
                            skipped.append(company.id.rawValue)
                            continue
                        }
                        try tx.insert(company)
                        _ = try tx.audit(
                            AuditRecord(at: context.now, actor: actor.name, action: "company.added", companyID: company.id, via: actor.via))
                    }
                    return skipped
                }
                struct Imported: Encodable {
                    var imported: [String]
                    var existing: [String]
                    var generatedCodes: [String: String]
                }
                let imported = companies.map(\.0.id.rawValue).filter { !existing.contains($0) }
                var codes: [String: String] = [:]
                for (company, code) in companies where imported.contains(company.id.rawValue) { codes[company.id.rawValue] = code }
                if global.json {
                    try JSONOutput.print(Imported(imported: imported, existing: existing, generatedCodes: codes))
                    return
                }
                let leftAlone = existing.isEmpty ? "" : "; already there, left alone: \(existing.joined(separator: ", "))"
                print("imported \(imported.count) compan\(imported.count == 1 ? "y" : "ies")\(leftAlone)")
                for id in imported.sorted() { if let code = codes[id] { print("  \(id): maintenance code \(code)   (shown once)") } }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List companies with their plan and standing.",
            discussion: "Example: supportcal companies list --json")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let views = try context.store.read { tx in
                    try tx.companies().map {
                        CompanyView(
                            $0, standing: try tx.companyStanding($0.id, policy: context.policy), now: context.now,
                            vendorZone: context.policy.vendorTimeZone)
                    }
                }
                if global.json {
                    try JSONOutput.print(views)
                    return
                }
                if views.isEmpty { print("no companies yet (supportcal companies add --help)") }
                for view in views { print(view.line()) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one company: plan, standing, contacts, fees due.",
            discussion: "Example: supportcal companies show orsted")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The company id.") var id: String

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                struct Detail: Encodable {
                    var company: CompanyView
                    var contacts: [ContactsCommand.ContactView]
                    var reinstatements: Int
                    var feesOutstanding: MoneyJSON
                    /// For the text form; JSON has `feesOutstanding`.
                    var outstanding: Money
                    enum CodingKeys: String, CodingKey { case company, contacts, reinstatements, feesOutstanding }
                }
                let detail = try context.store.read { tx -> Detail in
                    guard let company = try tx.company(CompanyID(id)) else {
                        throw CommandFailure.unknown("company \(id)", see: "supportcal companies list")
                    }
                    let standing = try tx.companyStanding(company.id, policy: context.policy)
                    let outstanding = try tx.feesDue(company: company.id).reduce(0) { $0 + $1.outstanding.cents }
                    let money = Money(cents: outstanding, currency: context.policy.reinstatementFee.currency)
                    return Detail(
                        company: CompanyView(company, standing: standing, now: context.now, vendorZone: context.policy.vendorTimeZone),
                        contacts: try tx.contacts(of: company.id).map(ContactsCommand.ContactView.init),
                        reinstatements: try tx.reinstatements(company: company.id).count,
                        feesOutstanding: MoneyJSON(money), outstanding: money)
                }
                if global.json {
                    try JSONOutput.print(detail)
                    return
                }
                print(detail.company.line())
                print("  free-session no-shows since last reinstatement: \(detail.company.freeNoShows)")
                print("  fees outstanding: \(detail.outstanding)")
                for contact in detail.contacts { print("  contact: \(contact.line())") }
            }
        }
    }

}
