import Foundation
import HTTPTypes
import Hummingbird

/// Server-rendered pages: plain HTML that works without JavaScript, labelled form
/// controls, one column that fits a phone. Every value from data goes through `escape`.
struct HTMLPage {
    var title: String
    var body: String
    var status: HTTPResponse.Status = .ok
    /// Reloads the page by itself every so many seconds (no JavaScript).
    var refreshSeconds: Int? = nil

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    func response(cookie: Cookie? = nil, cookies: [Cookie] = []) -> Response {
        let refresh = refreshSeconds.map { "\n<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">\(refresh)
            <title>\(Self.escape(title)) – Support sessions</title>
            <style>
            body{font-family:system-ui,-apple-system,Segoe \
            UI,Roboto,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#1b1b1b;background:#fff}
            main{max-width:40rem;margin:0 auto}
            label{display:block;margin:.75rem 0 .25rem;font-weight:600}
            input[type=text],input[type=email],input[type=date],select{width:100%;max-width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
            fieldset{border:1px solid #ccc;padding:.5rem 1rem;margin:1rem 0}
            fieldset label{font-weight:normal;display:flex;gap:.5rem;align-items:center;margin:.25rem 0}
            button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;background:#2b6cb0;color:#fff;border:0;border-radius:4px}
            button.secondary{background:#fff;color:#2b6cb0;border:1px solid #2b6cb0}
            .notice{padding:.75rem 1rem;background:#f3f7fb;border-left:4px solid #2b6cb0}
            .problem{padding:.75rem 1rem;background:#fdf2f2;border-left:4px solid #c53030}
            dt{font-weight:600}dd{margin:0 0 .5rem}
            nav.weeks{display:flex;justify-content:space-between;gap:.5rem;flex-wrap:wrap;margin:1rem 0}
            nav.weeks .week{font-weight:600}
            ul.days{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
            legend{font-weight:600}legend .zone{font-weight:normal;color:#4a4a4a}
            .times{display:flex;flex-wrap:wrap;gap:.25rem .5rem}
            .times label{display:inline-flex;gap:.35rem;align-items:center;margin:.2rem 0;padding:.3rem .6rem;border:1px solid \
            #ccc;border-radius:4px;font-weight:normal}
            .times label:has(input:checked){border-color:#2b6cb0;background:#f3f7fb}
            table.fees{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
            table.fees th,table.fees td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ddd}
            a{color:#2b6cb0}
            textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;min-height:6rem}
            nav.account{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;padding:.5rem 0;border-bottom:1px solid #ddd}
            nav.account form{display:inline;margin:0}
            nav.account button{margin:0;padding:.3rem .8rem}
            nav.account a[aria-current=page]{font-weight:700;color:#1b1b1b}
            .code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.15rem;letter-spacing:.05em}
            ul.sessions{list-style:none;padding:0}
            ul.sessions li{border-bottom:1px solid #ddd;padding:.6rem 0}
            .actions{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
            .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
            </style>
            </head>
            <body>
            <main>
            <h1>\(Self.escape(title))</h1>
            \(body)
            </main>
            </body>
            </html>
            """
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        for cookie in (cookie.map { [$0] } ?? []) + cookies { response.setCookie(cookie) }
        return response
    }

    /// A `?done=` notice from a redirect after a post.
    /// (Shared by the account and staff pages.)
    static func notice(_ request: Request, _ messages: [String: String]) -> String {
        guard let done = request.uri.queryParameters.get("done"), let message = messages[String(done)] else { return "" }
        return "<p class=\"notice\" role=\"status\">\(HTMLPage.escape(message))</p>"
    }

    static func problem(_ text: String) -> String {
        "<p class=\"problem\" role=\"alert\">\(HTMLPage.escape(text))</p>"
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// `application/x-www-form-urlencoded` fields.
struct FormFields {
    private var values: [String: String] = [:]

    init(_ data: Data) {
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            if values[name] == nil { values[name] = parts.count == 2 ? Self.decode(parts[1]) : "" }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}
