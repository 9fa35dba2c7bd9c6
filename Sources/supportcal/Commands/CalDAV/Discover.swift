import ArgumentParser
import CalDAV
import Foundation

extension CalDAVCommand {
    struct Discover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the calendars an account has, starting from any URL on the server.",
            discussion: """
                Tries the URL you give, then /.well-known/caldav, then the server root; follows current-user-principal to the calendar \
                home and lists the calendars there with their display name, colour, components, ctag and sync token. Paste a calendar's \
                own URL and just that calendar is shown.

                Example: supportcal caldav discover https://cal.example.com/ --user ana
                """
        )

        @Argument(help: "Any URL on the server: the root, a principal, a calendar home or a calendar.")
        var url: ServerURL

        @OptionGroup var connection: CalDAVConnectionOptions
        @OptionGroup var output: OutputOptions

        struct Found: Encodable {
            var contextURL: String
            var principal: String?
            var calendarHomes: [String]
            var calendars: [Calendar]
        }

        struct Calendar: Encodable {
            var href: String
            var url: String
            var displayName: String?
            var color: String?
            var components: [String]
            var ctag: String?
            var syncToken: String?
            var supportsSyncCollection: Bool
        }

        func run() async throws {
            try await reportingFailures(json: output.json) {
                let client = try connection.client(for: url.url)
                let result: DiscoveryResult
                do throws(CalDAVError) { result = try await client.discover() } catch { throw error.failure }
                let found = Found(
                    contextURL: result.contextURL.absoluteString, principal: result.principal?.absoluteString,
                    calendarHomes: result.calendarHomes.map(\.absoluteString),
                    calendars: result.calendars.map {
                        Calendar(
                            href: $0.href.raw, url: $0.url.absoluteString, displayName: $0.displayName, color: $0.color,
                            components: $0.supportedComponents, ctag: $0.ctag, syncToken: $0.syncToken,
                            supportsSyncCollection: $0.supportsSyncCollection)
                    })
                if output.json {
                    try JSONOutput.print(found)
                    return
                }
                print("server:    \(CalDAVClient.serverName(result.contextURL))")
                if let principal = found.principal { print("principal: \(principal)") }
                for home in found.calendarHomes { print("home:      \(home)") }
                print(
                    found.calendars.isEmpty ? "no calendars" : "\(found.calendars.count) calendar\(found.calendars.count == 1 ? "" : "s"):")
                for calendar in found.calendars {
                    print("  \(calendar.url)")
                    print(
                        "      name: \(calendar.displayName ?? "(none)")   colour: \(calendar.color ?? "(none)")   components: "
                            + "\(calendar.components.isEmpty ? "any" : calendar.components.joined(separator: ","))"
                    )
                    let listing = calendar.supportsSyncCollection ? "" : "   (no sync-collection: ETag listings will be used)"
                    print("      ctag: \(calendar.ctag ?? "(none)")   sync token: \(calendar.syncToken ?? "(none)")\(listing)")
                }
            }
        }
    }
}
