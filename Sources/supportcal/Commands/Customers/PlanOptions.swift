import ArgumentParser
import Foundation
import Scheduling

enum PlanArgument: String, ExpressibleByArgument, CaseIterable {
    case none, free, discounted
}

/// Builds the plan a company holds from `--plan`, `--discount` and `--plan-until`.
struct PlanSpec {
    var plan: PlanArgument
    var discount: Int
    var until: String?

    func plans(now: Date, zone: TimeZone) throws -> [MaintenancePlan] {
        guard plan != .none else { return [] }
        guard (1...99).contains(discount) || plan == .free else {
            throw CommandFailure(message: "--discount must be between 1 and 99 percent", exitCode: ExitStatus.usage)
        }
        let end: Date
        if let until {
            guard let date = LocalDate(until) else {
                throw CommandFailure(message: "--plan-until \(until): expected a date (YYYY-MM-DD)", exitCode: ExitStatus.usage)
            }
            // The plan covers the whole of its last day, in the vendor's zone.
            end = WallClock(zone).startOfDay(date.adding(days: 1))
        } else {
            end = now.addingTimeInterval(366 * 86_400)
        }
        guard end > now else {
            throw CommandFailure(message: "--plan-until \(until ?? ""): the plan would already be over", exitCode: ExitStatus.usage)
        }
        let tier: MaintenancePlan.Tier = plan == .free ? .free : .discounted(percentOff: discount)
        return [MaintenancePlan(id: "plan-\(UUID().uuidString.prefix(8).lowercased())", tier: tier, validFrom: now, validUntil: end)]
    }
}

extension MaintenancePlan.Tier {
    var label: String {
        switch self {
        case .free: "free"
        case .discounted(let percent): "discounted \(percent)%"
        }
    }
}
