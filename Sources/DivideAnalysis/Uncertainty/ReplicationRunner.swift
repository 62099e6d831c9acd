import Dispatch
import DivideData
import DivideIndex
import Foundation
import LinearAlgebra

/// How a block's ranks are laid out in ``BatchWorkspace/ranks``.
package enum RankLayout: Sendable {
    /// `ranks[u + U·j]`: one replication after another.
    case replicationMajor
    /// `ranks[u·B + j]`: one unit's replications together (what per-unit quantiles read).
    case unitMajor
}

/// Runs scenarios in blocks, on one or more threads: root scores (``BatchAggregation`` or one aggregation per
/// replication), then competition ranks (``ReplicationRanker``), handed to the caller block by block.
///
/// Determinism: scenarios are made on the calling thread in replication order; blocks have a fixed size whatever the
/// thread count, each block is computed by one thread alone (BLAS on one thread while several blocks run at once),
/// so the bytes out do not depend on the number of threads.
package struct ReplicationRunner: Sendable {
    package let plan: ConstructionPlan
    package let units: [String]
    package let year: Int
    /// Prepared values per variant (empty when each scenario prepares its own).
    package let variants: [PreparedVariant]
    package let batched: Bool
    package let threads: Int
    package let blockSize: Int
    /// BLAS threads while the runner works alone on one thread (nil = 1).
    package let blasThreads: Int?
    package let denominator: DenominatorMethod
    /// Scores that agree but for the low `tieBits` bits of their significands tie in a replication's ranking
    /// (`ReplicationRanker.descendingKey(_:tieBits:)`); 0 = exact, as numpy's `rankdata` (the workload).
    package var tieBits = 0
    /// Prepares a scenario with measurement noise (nil: every scenario uses ``variants``).
    package let prepareNoisy: (@Sendable (Scenario) throws -> PreparedVariant)?

    /// Root scores of a block of scenarios into `workspace.root` (units × scenarios, column-major).
    package func rootScores(_ scenarios: ArraySlice<Scenario>, workspace: BatchWorkspace) throws {
        let U = units.count, B = scenarios.count
        workspace.reserve(units: U, replications: B, nodes: plan.nodes.count)
        let out = workspace.root
        let first = scenarios.startIndex
        // Groups sharing prepared values: by variant, or one per scenario with measurement noise.
        var groups: [(prepared: PreparedVariant, members: [Int])] = []
        if let prepareNoisy {
            for j in 0..<B { groups.append((try prepareNoisy(scenarios[first + j]), [j])) }
        } else {
            var byVariant: [Int: Int] = [:]
            for j in 0..<B {
                let v = scenarios[first + j].variant
                if let g = byVariant[v] { groups[g].members.append(j) }
                else { byVariant[v] = groups.count; groups.append((variants[v], [j])) }
            }
        }
        for (prepared, members) in groups {
            if batched {
                let batch = prepared.batch ?? BatchAggregation(
                    plan: plan, values: prepared.values, units: units, year: year,
                    means: plan.nodes.map { _ in [] })
                if groups.count == 1 {
                    // The common case: the whole block shares its prepared values; scores land in place.
                    try batch.rootScores(weights: scenarios.map(\.weights), methods: scenarios.map(\.methods),
                                         workspace: workspace, denominator: denominator)
                } else {
                    let sub = BatchWorkspace(keepsTime: workspace.keepsTime)
                    try batch.rootScores(weights: members.map { scenarios[first + $0].weights },
                                         methods: members.map { scenarios[first + $0].methods },
                                         workspace: sub, denominator: denominator)
                    workspace.timing = workspace.timing + sub.timing
                    for (m, j) in members.enumerated() {
                        (out + U * j).update(from: sub.root + U * m, count: U)
                    }
                }
            } else {
                let start = workspace.clock()
                for j in members {
                    let s = scenarios[first + j]
                    let result = try prepared.prepared.aggregate(weights: s.weights, methods: s.methods, ranks: false)
                    result.scores(node: 0, year: 0).withUnsafeBufferPointer { (out + U * j).update(from: $0.baseAddress!, count: U) }
                }
                workspace.timing.index += workspace.clock() - start
            }
        }
    }

    /// Scores and ranks one block into `workspace`.
    package func compute(_ scenarios: ArraySlice<Scenario>, layout: RankLayout, workspace: BatchWorkspace) throws {
        try rootScores(scenarios, workspace: workspace)
        let start = workspace.clock()
        let U = units.count, B = scenarios.count
        for j in 0..<B {
            let column = UnsafeBufferPointer(start: workspace.root + U * j, count: U)
            switch layout {
            case .replicationMajor:
                workspace.ranker.rankDescending(column, into: workspace.ranks + U * j, tieBits: tieBits)
            case .unitMajor:
                workspace.ranker.rankDescending(column, into: workspace.ranks + j, stride: B, tieBits: tieBits)
            }
        }
        workspace.timing.ranks += workspace.clock() - start
    }

    /// Runs `count` scenarios made by `make` (called on this thread, in order, for consecutive ranges of up to
    /// `blockSize · threads · 2`). Each block's root scores and ranks are passed to `block` on the thread that
    /// computed them (with the replications it covers); `wave` is called on this thread after each range.
    /// - Returns: the time spent per part, summed over threads (zeros unless `keepsTime`).
    @discardableResult
    package func run(count: Int, keepsTime: Bool = false, layout: RankLayout, make: (Range<Int>) -> [Scenario],
             block: @escaping @Sendable (Range<Int>, BatchWorkspace) throws -> Void,
             wave: (Range<Int>) throws -> Void) throws -> MonteCarloTiming {
        let waveSize = blockSize * threads * 2
        let previousBLASThreads = BLASLibrary.threads
        let wantedBLASThreads = threads > 1 ? 1 : (blasThreads ?? 1)
        if wantedBLASThreads != previousBLASThreads { BLASLibrary.setThreads(wantedBLASThreads) }
        defer { if wantedBLASThreads != previousBLASThreads { BLASLibrary.setThreads(previousBLASThreads) } }
        let workspaces = (0..<max(1, threads)).map { _ in BatchWorkspace(keepsTime: keepsTime) }
        var start = 0
        while start < count {
            let range = start..<min(count, start + waveSize)
            let scenarios = make(range)
            let blocks = stride(from: 0, to: scenarios.count, by: blockSize).map {
                $0..<min(scenarios.count, $0 + blockSize)
            }
            let errors = BlockErrors(count: blocks.count)
            let work: @Sendable (Int, BatchWorkspace) -> Void = { b, workspace in
                do {
                    try compute(scenarios[blocks[b]], layout: layout, workspace: workspace)
                    let first = range.lowerBound + blocks[b].lowerBound
                    try block(first..<(first + blocks[b].count), workspace)
                } catch {
                    errors.fail(b, error)
                }
            }
            if threads == 1 || blocks.count == 1 {
                for b in blocks.indices { work(b, workspaces[0]) }
            } else {
                let workers = min(threads, blocks.count)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    for b in stride(from: worker, to: blocks.count, by: workers) { work(b, workspaces[worker]) }
                }
            }
            try errors.check()
            try wave(range)
            start = range.upperBound
        }
        return workspaces.map(\.timing).reduce(MonteCarloTiming(), +)
    }
}

/// Errors of a wave's blocks, each written by its own worker.
private final class BlockErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error?]

    init(count: Int) { errors = Array(repeating: nil, count: count) }

    func fail(_ b: Int, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        errors[b] = error
    }

    /// Throws the first block's error (in block order).
    func check() throws {
        lock.lock(); defer { lock.unlock() }
        if let error = errors.compactMap({ $0 }).first { throw error }
    }
}
