internal import CCurl
import Foundation

/// One libcurl easy handle. Owns its `CURL*` and error buffer; frees both once.
///
/// A handle keeps its connection cache between transfers, so a client that reuses
/// handles talks to a CalDAV server over few connections.
final class EasyHandle {
    private let raw: UnsafeMutableRawPointer  // CURL*
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(CurlError) {
        CurlRuntime.ensureInitialized()
        guard let raw = curl_easy_init() else {
            throw CurlError(code: .other, curlCode: -1, message: "curl_easy_init failed (out of memory?)", target: "")
        }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CCurl_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CCurl_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Clears every option from the last transfer but keeps live connections.
    func reset() {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
    }

    // MARK: Options

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(CCurl_setopt_long(raw, option, value), "setting option \(option.rawValue)")
    }

    func set(_ option: CURLoption, _ value: Bool) throws(CurlError) {
        try set(option, value ? 1 : 0)
    }

    /// curl copies string options, so `value` need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(CCurl_setopt_string(raw, option, value), "setting option \(option.rawValue)")
    }

    func set(_ option: CURLoption, offset value: Int64) throws(CurlError) {
        try check(CCurl_setopt_off_t(raw, option, curl_off_t(value)), "setting option \(option.rawValue)")
    }

    /// The pointer must stay valid until the transfer ends.
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(CCurl_setopt_pointer(raw, option, value), "setting option \(option.rawValue)")
    }

    /// For options that copy their bytes (COPYPOSTFIELDS); set the size first.
    func set(_ option: CURLoption, copying bytes: [UInt8]) throws(CurlError) {
        let result: CURLcode
        if bytes.isEmpty {
            result = CCurl_setopt_string(raw, option, "")
        } else {
            result = bytes.withUnsafeBytes { CCurl_setopt_pointer(raw, option, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        }
        try check(result, "setting option \(option.rawValue)")
    }

    /// The list must stay valid until the transfer ends.
    func set(_ option: CURLoption, list: StringList) throws(CurlError) {
        try check(CCurl_setopt_slist(raw, option, list.raw), "setting option \(option.rawValue)")
    }

    func set(_ option: CURLoption, callback: CCurl_data_callback) throws(CurlError) {
        try check(CCurl_setopt_data_callback(raw, option, callback), "setting option \(option.rawValue)")
    }

    func setErrorBuffer() throws(CurlError) {
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    // MARK: Transfer

    /// Runs the transfer on the calling thread. Blocks: never call from Swift's
    /// cooperative pool (see `BlockingPool`).
    func perform(target: String) throws(CurlError) {
        let result = curl_easy_perform(raw)
        guard result == CURLE_OK else {
            throw CurlError(result, detail: String(cString: errorBuffer), target: target)
        }
    }

    func infoInt(_ info: CURLINFO) -> Int {
        var value = 0
        _ = CCurl_getinfo_long(raw, info, &value)
        return value
    }

    func infoString(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard CCurl_getinfo_string(raw, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func check(_ result: CURLcode, _ what: String) throws(CurlError) {
        guard result == CURLE_OK else {
            throw CurlError(result, detail: what, target: "")
        }
    }
}

@available(*, unavailable, message: "a curl easy handle must not be used from two threads; HTTPClient lends each to one transfer at a time")
extension EasyHandle: Sendable {}

/// A `curl_slist`, owned and freed here.
final class StringList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    init(_ strings: [String]) {
        for string in strings {
            raw = curl_slist_append(raw, string)
        }
    }

    deinit { curl_slist_free_all(raw) }
}

@available(*, unavailable)
extension StringList: Sendable {}

/// curl_global_init is not thread-safe; it runs once, on first use.
enum CurlRuntime {
    private static let initialized: Void = {
        _ = curl_global_init(CCurl_GLOBAL_ALL)
    }()

    static func ensureInitialized() { _ = initialized }

    /// The libcurl version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.15`.
    static var version: String { String(cString: curl_version()) }
}
