import ArgumentParser
import Foundation
import Operations
import Scheduling
import Store

struct ReinstateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reinstate",
        abstract: "Record the reinstatement payment that lifts a no-show suspension.",
        discussion: """
            Refused (exit 3, nothing recorded) when the company is not suspended or the amount is short of the reinstatement fee. The \
            payment reference is unique, so running the same command twice records one payment.

            Example: supportcal reinstate orsted --payment-ref INV-2026-0042
            """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The company id.") var company: String
    @Option(help: "The payment's reference (invoice or transaction id).") var paymentRef: String
    @Option(help: "Amount paid, e.g. 100.00 (default: the reinstatement fee).") var amount: String?

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            var money: Money?
            if let amount {
                do throws(SchedulingError) {
                    money = try Money(parsing: amount)
                } catch {
                    throw CommandFailure(message: "--amount: \(error.message)", exitCode: ExitStatus.usage)
                }
            }
            guard try await context.store.read({ [company] tx in try tx.company(CompanyID(company)) }) != nil else {
                throw CommandFailure.unknown("company \(company)", see: "supportcal companies list")
            }
            let decision: Decision<Payment>
            do {
                decision = try await context.desk.reinstate(
                    CompanyID(company), reference: paymentRef, amount: money, actor: context.actor("reinstate"), now: context.now)
            } catch let error as StoreError {
                var failure = CommandFailure(error)
                failure.message += ". Nothing was recorded."
                throw failure
            }
            let payment = try decision.acceptedOrExit(json: global.json, unchanged: "Nothing was recorded.")
            try await context.deliver()
            if global.json {
                try JSONOutput.print(ReinstatementJSON(payment))
            } else {
                print("reinstated \(company): \(payment.amount) recorded (\(payment.reference)); free sessions can be booked online again")
            }
        }
    }
}
