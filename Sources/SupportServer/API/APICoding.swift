import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Operations

/// JSON as the API writes it: sorted keys, ISO-8601 dates, slashes left alone (links).
/// The request context hands it to Hummingbird, so every handler encodes the same way.
public struct APIResponseEncoder: ResponseEncoder {
    static let json: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        // The slot list and bookings write themselves: the same bytes, a fraction of the cost.
        if let writable = value as? any JSONBytesWritable {
            return Self.response(bytes: writable.jsonBytes)
        }
        return Self.response(data: try Self.json.encode(value))
    }

    static func response(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func response(data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Reads a JSON body of at most the context's upload size; a body that is not what the
/// endpoint takes is a 400 that says which field is missing or of the wrong type.
public struct APIRequestDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw HTTPError.bodyTooLarge(limit: context.maxUploadSize)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw HTTPError(.badRequest, message: "the body needs \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw HTTPError(.badRequest, message: "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch {
            throw HTTPError(.badRequest, message: "the body is not the JSON this endpoint takes")
        }
    }
}

extension RequestContext {
    /// `value` as JSON through this context's encoder, with `status`.
    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, for request: Request) throws -> Response {
        var response = try responseEncoder.encode(value, from: request, context: self)
        response.status = status
        return response
    }
}

extension HTTPError {
    /// 413 for a body over `limit` bytes, refused before it is read further.
    static func bodyTooLarge(limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, message: "the request body is over \(limit / 1024) KB")
    }
}

extension Request {
    /// A JSON body that may be left out altogether (`nil` when empty).
    func decodeIfPresent<T: Decodable>(as type: T.Type, context: SupportRequestContext) async throws -> T? {
        var request = self
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw HTTPError.bodyTooLarge(limit: context.maxUploadSize)
        }
        return buffer.readableBytes == 0 ? nil : try await request.decode(as: type, context: context)
    }

    /// The body as bytes (a form), refused with 413 when over the context's limit.
    func bodyData(limit: Int) async throws -> Data {
        do {
            return Data(try await body.collect(upTo: limit).readableBytesView)
        } catch {
            throw HTTPError.bodyTooLarge(limit: limit)
        }
    }
}
