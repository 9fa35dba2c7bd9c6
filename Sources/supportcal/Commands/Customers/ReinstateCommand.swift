import ArgumentParser
import Foundation
import Scheduling
import Store

struct ReinstateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reinstate",
        abstract: "Record the reinstatement payment that lifts a no-show suspension.",
        discussion: """
        Refused (exit 3) when the company is not suspended or the amount is short of the
        reinstatement fee. The payment reference is unique, so running the same command
        twice records one payment.

        Example: supportcal reinstate orsted --payment-ref INV-2026-0042
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The company id.") var company: String
    @Option(help: "The payment's reference (invoice or transaction id).") var paymentRef: String
    @Option(help: "Amount paid, e.g. 100.00 (default: the reinstatement fee).") var amount: String?

    func run() async throws {
        try await reportingFailures {
            let context = try AppContext.open(global)
            var money: Money?
            if let amount {
                guard let parsed = Money(parsing: amount) else {
                    throw CommandFailure(message: "--amount \(amount): expected an amount such as 100.00", exitCode: ExitStatus.usage)
                }
                money = parsed
            }
            let payment: Payment
            do {
                payment = try context.desk.reinstate(CompanyID(company), reference: paymentRef, amount: money, actor: context.actor("reinstate"), now: context.now)
                    .acceptedOrExit(json: global.json)
            } catch let error as StoreError {
                throw CommandFailure(message: error.message)
            }
            _ = try await OutboxDeliverer(context: context).deliverDue()
            if global.json {
                struct Recorded: Encodable { var company: String; var amount: String; var reference: String }
                try JSONOutput.print(Recorded(company: company, amount: payment.amount.description, reference: payment.reference))
            } else {
                print("reinstated \(company): \(payment.amount) recorded (\(payment.reference)); free sessions can be booked online again")
            }
        }
    }
}
