import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Scheduling
import Store

/// Every response gets the security headers; every error becomes a page or JSON that
/// says what the client can do, and never internal error text: unexpected errors are
/// logged with the request id and answered with that id only.
struct ResponseMiddleware: RouterMiddleware {
    typealias Context = SupportRequestContext
    let secure: Bool
    let support: SupportContact

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = render(
                status: error.status, message: error.body ?? error.status.reasonPhrase, headers: error.headers, request: request,
                context: context)
        } catch let error as StoreError where [.notFound, .duplicate, .constraint].contains(error.code) {
            // The store's messages name the value involved and never a secret or a path.
            response = render(
                status: error.code == .notFound ? .notFound : .conflict, message: error.message, headers: [:], request: request,
                context: context)
        } catch let error as SchedulingError where error.code == .invalidInput {
            // A value the caller sent that cannot be right (a join time after now).
            response = render(status: .badRequest, message: error.message, headers: [:], request: request, context: context)
        } catch let error as SchedulingError where error.code == .illegalTransition {
            // A change the booking's state does not allow (joining a cancelled session).
            response = render(status: .conflict, message: error.message, headers: [:], request: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error.message": "\(error)", "http.path": "\(request.uri.path)"])
            response = render(
                status: .internalServerError,
                message: "Something went wrong on our side. Please try again; if it persists, quote reference \(context.id).",
                headers: [:], request: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        // Tokens travel in /b/ paths: never leak them to other sites through Referer.
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        if secure { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        // Tokens, codes and a contact's own data: kept out of every cache.
        if ["/b/", "/api/", "/book", "/account", "/staff"].contains(where: request.uri.path.hasPrefix) {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }

    private func render(status: HTTPResponse.Status, message: String, headers: HTTPFields, request: Request, context: Context)
        -> Response
    {
        var response: Response
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/healthz" || request.uri.path == "/metrics" {
            let data = (try? APIResponseEncoder.json.encode(["error": message])) ?? Data()
            response = APIResponseEncoder.response(data: data, status: status)
        } else {
            response = HTMLPage(
                title: status == .notFound ? "Not found" : "Sorry",
                body: "<p class=\"problem\" role=\"alert\">\(HTMLPage.escape(message))</p>" + support.wayForward,
                status: status
            ).response()
        }
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
