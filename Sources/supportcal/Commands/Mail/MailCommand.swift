import ArgumentParser

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Customers' emails: preview what would be sent, and read their calendar replies.",
        discussion: """
            Emails are queued in the store's outbox when a booking changes and delivered by any command that changes a booking, by \
            `sweep` and by `sync`, to the Maildir or SMTP server in [mail]. Templates can be replaced per kind: see `mail templates`.
            """,
        subcommands: [MailPreviewCommand.self, MailIngestCommand.self, MailTemplatesCommand.self]
    )
}
