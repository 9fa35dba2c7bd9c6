import ArgumentParser
import Foundation
import Mail
import Scheduling
import Store
import UseCases

struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Customers' signed reschedule, cancel and decline links.",
        discussion: """
            Links are <public_base_url>/b/<token>, the token signed with HMAC-SHA256 under the key in $SUPPORTCAL_LINK_KEY (the variable \
            [link_signing_key_env] names), else in the key file (link_signing_key_file, default <data_directory>/link-signing.key, \
            created on first use). A token is bound to one booking and one action and stops working at the cancel cutoff (decline links: \
            at the start).
            """,
        subcommands: [Check.self, RotateKey.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether a customer's link works now, and what it is for.",
            discussion: """
                Exit status: 0 the link works, 1 it does not (altered, another key, expired).

                Example: supportcal links check https://support.example/b/MTpjYW5jZWw6...
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The link, or just its token.") var link: String

        struct Report: Encodable {
            var valid: Bool
            var booking: String?
            var action: String?
            var expires: Date?
            var problem: String?
        }

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let token = link.split(separator: "/").last.map(String.init) ?? link
                let signer = LinkSigner(key: try LinkKeyFile.key(context.configuration))
                let report: Report
                do throws(LinkTokenError) {
                    let verified = try signer.verify(token, now: context.now)
                    report = Report(valid: true, booking: verified.bookingID, action: verified.action.rawValue, expires: verified.expires)
                } catch {
                    report = Report(
                        valid: false, booking: error.token?.bookingID, action: error.token?.action.rawValue,
                        expires: error.token?.expires, problem: error.description)
                }
                if global.json {
                    try JSONOutput.print(report)
                } else if report.valid {
                    print(
                        "valid: \(report.action ?? "") booking \(report.booking ?? "") until \(report.expires?.formatted(.iso8601) ?? "")")
                } else {
                    print("not valid: \(report.problem ?? "")")
                }
                if !report.valid { throw ExitStatus.failure }
            }
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Replace the link-signing key file: every link already sent stops working.",
            discussion: """
                Use it when links may have leaked. Customers can still act by replying to their invitation or contacting support; new \
                emails carry links under the new key. When the key comes from the environment variable, change that instead.

                Example: supportcal links rotate-key
                """
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let variable = context.configuration.linkSigningKeyVariable
                if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty {
                    throw CommandFailure(
                        message: "the key comes from $\(variable); set a new value there (e.g. `openssl rand -hex 32`)",
                        exitCode: ExitStatus.usage)
                }
                let file = context.configuration.linkSigningKeyFile
                try LinkKeyFile.create(file, replace: true)
                _ = try context.store.write { tx in
                    try tx.audit(
                        AuditRecord(
                            at: context.now, actor: context.actor("links rotate-key").name, action: "links.key-rotated",
                            via: "supportcal links rotate-key", details: ["file": file.path]))
                }
                print("new link-signing key in \(file.path); links sent before now no longer work")
            }
        }
    }
}
