import Foundation
import HTTPTypes
import Hummingbird
import Scheduling

/// JSON as the API writes it: sorted keys, ISO-8601 dates.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        try make(data: encoder.encode(value), status: status, headers: headers)
    }

    static func make(data: Data, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A policy refusal: 409 when the booking's state is in the way (the slot was taken,
    /// it is already cancelled), 429 for the code rate limits, 422 for every other rule.
    static func refusal(_ rule: Rule, reason: String) throws -> Response {
        try make(Refusal(rule: rule.rawValue, reason: reason), status: status(for: rule))
    }

    static func status(for rule: Rule) -> HTTPResponse.Status {
        switch rule {
        case .slotTaken, .bookingNotActive, .returnCallAlreadyAttempted, .returnCallAlreadyPlanned, .alreadyBookedThen: .conflict
        case .codeRateLimited: .tooManyRequests
        default: .unprocessableContent
        }
    }

    struct Refusal: Codable {
        var refused = true
        var rule: String
        var reason: String
    }

    /// Decodes a JSON body of at most `limit` bytes; 400 with the decoder's complaint.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw HTTPError(.badRequest, message: "the body needs \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw HTTPError(.badRequest, message: "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch {
            throw HTTPError(.badRequest, message: "the body is not the JSON this endpoint takes")
        }
    }
}

extension Request {
    /// The body, refused with 413 when over the context's limit.
    func bodyData(limit: Int) async throws -> Data {
        do {
            let buffer = try await body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch {
            throw HTTPError(.contentTooLarge, message: "the request body is over \(limit / 1024) KB")
        }
    }
}
