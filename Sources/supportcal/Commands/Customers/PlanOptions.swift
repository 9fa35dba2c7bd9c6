import ArgumentParser
import Foundation
import Scheduling
import UseCases

enum PlanArgument: String, ExpressibleByArgument, CaseIterable {
    case none, free, discounted
}

/// Builds the plan a company holds from `--plan`, `--discount` and `--plan-until`.
struct PlanSpec {
    var plan: PlanArgument
    var discount: Int
    var until: String?

    func plans(now: Date, zone: TimeZone) throws -> [MaintenancePlan] {
        var lastDay: LocalDate?
        if let until {
            guard let date = LocalDate(until) else {
                throw CommandFailure(message: "--plan-until \(until): expected a date (YYYY-MM-DD)", exitCode: ExitStatus.usage)
            }
            lastDay = date
        }
        let tier: MaintenancePlan.Tier? =
            switch plan {
            case .none: nil
            case .free: .free
            case .discounted: .discounted(percentOff: discount)
            }
        do {
            return try CompanyAdministration.plan(tier, lastDay: lastDay, now: now, zone: zone).map { [$0] } ?? []
        } catch {
            let message =
                error.about == .discount
                ? "--discount must be between 1 and 99 percent" : "--plan-until \(until ?? ""): the plan would already be over"
            throw CommandFailure(message: message, exitCode: ExitStatus.usage)
        }
    }
}
