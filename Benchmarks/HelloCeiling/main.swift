// The ceiling `supportcal bench serve` measures SupportCal against, in the same run: the
// same Hummingbird on the same machine doing no work but HTTP. Not part of the product.
//
//   GET  /hello  a fixed 2 KB body
//   POST /echo   the request body back
//   GET  /json   a 10 KB slot-list-shaped body through Foundation's JSONEncoder
//
// Usage: supportcal-bench-ceiling PORT
import Foundation
import Hummingbird

struct Row: Encodable {
    var start: Date
    var end: Date
    var local: String
    var staff: [String]
}

struct Listing: Encodable, ResponseGenerator {
    var sessionType: String
    var zone: String
    var slots: [Row]

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try Self.encoder.encode(self)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8099 : 8099
let hello = ByteBuffer(string: String(repeating: "SupportCal ceiling. ", count: 103))
let start = Date(timeIntervalSince1970: 1_803_895_200)
let listing = Listing(
    sessionType: "live session (60 minutes)", zone: "UTC",
    slots: (0..<24).map { index in
        Row(
            start: start.addingTimeInterval(TimeInterval(index) * 1800), end: start.addingTimeInterval(TimeInterval(index) * 1800 + 3600),
            local: "8:00 AM UTC on Monday, 1 March 2027",
            staff: (0..<20).map { "s\($0)" }.filter { ($0.count + index) % 3 != 0 })
    })

let router = Router()
router.get("/hello") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: hello)) }
router.post("/echo") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 1 << 20)
    return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
router.get("/json") { _, _ in listing }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
