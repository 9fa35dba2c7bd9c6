/// The templates SupportCal ships, one subject, plain-text and HTML template per notice
/// kind plus shared partials. An operator's template directory may replace any of them
/// by file name (`confirmation.html.mustache` replaces `confirmation.html`).
///
/// Text and subject templates declare `CONTENT_TYPE: TEXT` so nothing is HTML-escaped
/// in them; HTML templates escape every `{{value}}`, which matters because names and
/// company names come from customers.
enum BuiltInTemplates {
    static let all: [String: String] = partials.merging(notices) { first, _ in first }

    static let partials: [String: String] = [
        "join.txt": """
        {{#join}}
        {{#meetingURL}}
        Join online: {{meetingURL}}
        {{/meetingURL}}
        {{#phone}}
        Or call {{phone}}, access code {{accessCode}}.
        {{/phone}}
        {{/join}}
        """,
        "links.txt": """
        {{#links}}

        {{#decline}}
        Cannot make it? Tell us at once: {{decline}}
        {{/decline}}
        {{#reschedule}}
        Reschedule: {{reschedule}}
        {{/reschedule}}
        {{#cancel}}
        Cancel: {{cancel}}
        {{/cancel}}
        {{#cutoff}}
        These links work until {{cutoff}}.
        {{/cutoff}}
        {{/links}}
        """,
        "price.txt": """
        {{#price}}
        Price: {{price}}
        {{/price}}
        {{#notRefundable}}
        Paid sessions are not refundable: cancelling releases the time, not the payment.
        {{/notRefundable}}
        """,
        "footer.txt": """
        {{#viewURL}}
        Your booking: {{viewURL}}
        {{/viewURL}}
        Booking reference: {{bookingReference}}

        -- 
        {{signature}}
        """,
        "header.html": """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{subject}}</title>
        </head>
        <body style="margin:0;padding:16px;font-family:-apple-system,Segoe \
        UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;background:#ffffff">
        <div style="max-width:560px;margin:0 auto">
        <p>Hello {{recipientName}},</p>
        """,
        "join.html": """
        {{#join}}
        <div style="margin:16px 0;padding:12px 16px;border-left:4px solid #2b6cb0;background:#f3f7fb">
        {{#meetingURL}}
        <p style="margin:0 0 8px"><a href="{{meetingURL}}" style="color:#2b6cb0;font-weight:bold">Join online</a></p>
        {{/meetingURL}}
        {{#phone}}
        <p style="margin:0">Or call <a href="tel:{{phoneURI}}">{{phone}}</a>, access code <strong>{{accessCode}}</strong>.</p>
        {{/phone}}
        </div>
        {{/join}}
        """,
        "links.html": """
        {{#links}}
        <p style="margin:24px 0 8px">
        {{#decline}}
        <a href="{{decline}}" style="display:inline-block;margin:0 8px 8px 0;padding:10px \
        16px;border-radius:4px;background:#c53030;color:#ffffff;text-decoration:none">I cannot make it</a>
        {{/decline}}
        {{#reschedule}}
        <a href="{{reschedule}}" style="display:inline-block;margin:0 8px 8px 0;padding:10px \
        16px;border-radius:4px;background:#2b6cb0;color:#ffffff;text-decoration:none">Reschedule</a>
        {{/reschedule}}
        {{#cancel}}
        <a href="{{cancel}}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:4px;border:1px solid \
        #2b6cb0;color:#2b6cb0;text-decoration:none">Cancel</a>
        {{/cancel}}
        </p>
        {{#cutoff}}
        <p style="margin:0;font-size:14px;color:#555555">These links work until {{cutoff}}.</p>
        {{/cutoff}}
        {{/links}}
        """,
        "price.html": """
        {{#price}}
        <p style="margin:8px 0">Price: <strong>{{price}}</strong></p>
        {{/price}}
        {{#notRefundable}}
        <p style="margin:8px 0;font-size:14px;color:#555555">Paid sessions are not refundable: cancelling releases the time, not the \
        payment.</p>
        {{/notRefundable}}
        """,
        "footer.html": """
        {{#viewURL}}
        <p style="margin-top:24px"><a href="{{viewURL}}" style="color:#2b6cb0">View your booking</a></p>
        {{/viewURL}}
        <p style="margin-top:32px;font-size:14px;color:#555555">Booking reference: {{bookingReference}}<br>{{signature}}</p>
        </div>
        </body>
        </html>
        """,
    ]

    static let notices: [String: String] = [
        "confirmation.subject": "Confirmed: {{what}} on {{date}}",
        "confirmation.txt": """
        Hello {{recipientName}},

        Your {{what}} with {{staffName}} is booked for {{when}}.

        {{> price.txt}}
        {{> join.txt}}
        {{> links.txt}}

        {{> footer.txt}}
        """,
        "confirmation.html": """
        {{> header.html}}
        <p>Your {{what}} with {{staffName}} is booked for <strong>{{when}}</strong>.</p>
        {{> price.html}}
        {{> join.html}}
        {{> links.html}}
        {{> footer.html}}
        """,

        "reminder.subject": "Reminder: your {{what}} starts {{lead}}, at {{time}}",
        "reminder.txt": """
        Hello {{recipientName}},

        A reminder: your {{what}} with {{staffName}} starts {{lead}}, at {{when}}.

        {{> join.txt}}
        {{> links.txt}}

        {{> footer.txt}}
        """,
        "reminder.html": """
        {{> header.html}}
        <p>A reminder: your {{what}} with {{staffName}} starts {{lead}}, at <strong>{{when}}</strong>.</p>
        {{> join.html}}
        {{> links.html}}
        {{> footer.html}}
        """,

        "rescheduled.subject": "Moved: {{what}} now on {{date}} at {{time}}",
        "rescheduled.txt": """
        Hello {{recipientName}},

        Your {{what}} has moved to {{when}}, with {{staffName}}.
        {{#previousWhen}}
        It was booked for {{previousWhen}}.
        {{/previousWhen}}

        {{> price.txt}}
        {{> join.txt}}
        {{> links.txt}}

        {{> footer.txt}}
        """,
        "rescheduled.html": """
        {{> header.html}}
        <p>Your {{what}} has moved to <strong>{{when}}</strong>, with {{staffName}}.</p>
        {{#previousWhen}}
        <p>It was booked for {{previousWhen}}.</p>
        {{/previousWhen}}
        {{> price.html}}
        {{> join.html}}
        {{> links.html}}
        {{> footer.html}}
        """,

        "cancelled.subject": "Cancelled: {{what}} on {{date}}",
        "cancelled.txt": """
        Hello {{recipientName}},

        Your {{what}} on {{when}} is cancelled.
        {{#cancelledByStaff}}
        We are sorry: our staff had to cancel it. We will be in touch about a new time.
        {{/cancelledByStaff}}

        {{> footer.txt}}
        """,
        "cancelled.html": """
        {{> header.html}}
        <p>Your {{what}} on <strong>{{when}}</strong> is cancelled.</p>
        {{#cancelledByStaff}}
        <p>We are sorry: our staff had to cancel it. We will be in touch about a new time.</p>
        {{/cancelledByStaff}}
        {{> footer.html}}
        """,

        "emergency-placement.subject": "Emergency session: {{time}}, {{date}}",
        "emergency-placement.txt": """
        Hello {{recipientName}},

        We have placed your emergency session with {{staffName}} at {{when}}.
        If you cannot make it, tell us at once (the link below, or decline the
        invitation in your calendar) so we can give the time to someone else.

        {{> price.txt}}
        {{> join.txt}}
        {{> links.txt}}

        {{> footer.txt}}
        """,
        "emergency-placement.html": """
        {{> header.html}}
        <p>We have placed your emergency session with {{staffName}} at <strong>{{when}}</strong>.</p>
        <p>If you cannot make it, tell us at once (the button below, or decline the invitation in your calendar) so we can give the time \
        to someone else.</p>
        {{> price.html}}
        {{> join.html}}
        {{> links.html}}
        {{> footer.html}}
        """,

        "no-show.subject": "Missed session on {{date}}",
        "no-show.txt": """
        Hello {{recipientName}},

        Nobody from {{companyName}} joined the {{what}} booked for {{when}},
        so it was closed 10 minutes after its start.

        {{> footer.txt}}
        """,
        "no-show.html": """
        {{> header.html}}
        <p>Nobody from {{companyName}} joined the {{what}} booked for <strong>{{when}}</strong>, so it was closed 10 minutes after its \
        start.</p>
        {{> footer.html}}
        """,

        "suspension.subject": "Online booking of free sessions is suspended for {{companyName}}",
        "suspension.txt": """
        Hello {{recipientName}},

        {{companyName}} has missed two free sessions, the last on {{when}},
        so online booking of free sessions is suspended.
        It is restored once the reinstatement payment of {{reinstatementFee}} is made.
        Paid sessions can still be booked.

        {{> footer.txt}}
        """,
        "suspension.html": """
        {{> header.html}}
        <p>{{companyName}} has missed two free sessions, the last on {{when}}, so online booking of free sessions is suspended.</p>
        <p>It is restored once the reinstatement payment of <strong>{{reinstatementFee}}</strong> is made. Paid sessions can still be \
        booked.</p>
        {{> footer.html}}
        """,

        "reinstatement.subject": "Online booking restored for {{companyName}}",
        "reinstatement.txt": """
        Hello {{recipientName}},

        The reinstatement payment for {{companyName}} is recorded:
        free sessions can be booked online again.

        {{> footer.txt}}
        """,
        "reinstatement.html": """
        {{> header.html}}
        <p>The reinstatement payment for {{companyName}} is recorded: free sessions can be booked online again.</p>
        {{> footer.html}}
        """,
    ]
}
