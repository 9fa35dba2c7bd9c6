/// The version `supportcal --version` prints: the one place it is written.
enum SupportCalVersion {
    static let current = "0.2.0"
}
