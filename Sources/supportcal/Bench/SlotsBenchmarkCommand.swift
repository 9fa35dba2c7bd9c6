import ArgumentParser

extension BenchCommand {
    struct Slots: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time slot finding: 25 staff × 60 days, 5,000 busy intervals, 1,000 bookings, and each doubled.",
            discussion: "Example: swift run -c release supportcal bench slots --iterations 20"
        )

        @Option(help: "Timed queries per configuration.")
        var iterations = 20

        func run() async throws {
            for result in SlotsBenchmark.scalingTable(iterations: iterations) {
                print(result)
            }
        }
    }
}
