import ArgumentParser
import Foundation
import Operations
import Scheduling
import Store
import UseCases

/// `companies set-plan` and `companies rotate-code`: what a maintenance contract changes.
extension CompaniesCommand {
    struct SetPlan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-plan",
            abstract: "Change a company's maintenance plan (bookings already made keep their terms).",
            discussion: """
                Example: supportcal companies set-plan orsted --plan discounted \\
                          --discount 30 --plan-until 2027-12-31
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The company id.") var id: String
        @Option(help: "none, free or discounted.") var plan: PlanArgument
        @Option(help: "Percent off for a discounted plan.") var discount = 50
        @Option(help: "Last day of the plan.") var planUntil: String?

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let plans = try PlanSpec(plan: plan, discount: discount, until: planUntil).plans(
                    now: context.now, zone: context.policy.vendorTimeZone)
                let actor = context.actor("companies set-plan")
                let admin = CompanyAdministration(desk: context.desk, sealer: try CodeSealer.configured(context.configuration))
                guard let updated = try await admin.setPlan(CompanyID(id), to: plans.first, actor: actor, now: context.now) else {
                    throw CommandFailure.unknown("company \(id)", see: "supportcal companies list")
                }
                let standing = try await context.store.read { tx in try tx.companyStanding(updated.id, policy: context.policy) }
                let view = CompanyView(updated, standing: standing, now: context.now, vendorZone: context.policy.vendorTimeZone)
                if global.json { try JSONOutput.print(view) } else { print(view.line()) }
                if plan != .none, updated.maintenanceCode == nil, !global.json {
                    print("note: \(id) has no maintenance code yet: supportcal companies rotate-code \(id)")
                }
            }
        }
    }

    struct RotateCode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-code",
            abstract: "Issue a new maintenance code; the old one stops working at once. Prints the new code once.",
            discussion: "Example: supportcal companies rotate-code orsted"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The company id.") var id: String

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let admin = CompanyAdministration(desk: context.desk, sealer: try CodeSealer.configured(context.configuration))
                guard let code = try await admin.rotateCode(CompanyID(id), actor: context.actor("companies rotate-code"), now: context.now)
                else { throw CommandFailure.unknown("company \(id)", see: "supportcal companies list") }
                if global.json {
                    struct Rotated: Encodable {
                        var id: String
                        var code: String
                    }
                    try JSONOutput.print(Rotated(id: id, code: code))
                } else {
                    print("new maintenance code for \(id): \(code)   (shown once; the previous code no longer works)")
                }
            }
        }
    }
}
