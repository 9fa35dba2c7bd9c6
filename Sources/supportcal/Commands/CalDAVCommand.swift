import ArgumentParser

/// `supportcal caldav`: point SupportCal at a CalDAV server and see what it sees.
struct CalDAVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caldav",
        abstract: "See what SupportCal sees on a CalDAV server: calendars, events, busy time.",
        discussion: """
            Start with the address you use in your calendar app (the server root is enough): `discover` lists your calendars, then `ls` \
            and `freebusy` take a calendar URL from that list. Nothing is written to the server.

            The password comes from $SUPPORTCAL_CALDAV_PASSWORD or --password-file, never from the command line (it would show in `ps` \
            and the shell history). Google and other OAuth servers take a bearer token from --bearer-token-file instead.

            Example: export SUPPORTCAL_CALDAV_PASSWORD=... # iCloud, Fastmail: an app \\
                      password supportcal caldav discover https://dav.example.com/ \\
                      --user ana supportcal caldav ls \\
                      https://dav.example.com/ana/support/ --user ana supportcal caldav \\
                      freebusy https://dav.example.com/ana/support/ --user ana \\
                      --from 2026-11-02 --to 2026-11-09 --tz America/Chicago

            A server that cannot be reached or answers wrongly gives one line naming the server, the request and what went wrong, and \
            exit status 1.
            """,
        subcommands: [Discover.self, List.self, FreeBusy.self]
    )
}
