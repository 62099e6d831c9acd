import Foundation
import Testing
import LinearAlgebra
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
@testable import DivideWorkload

/// The direct construction path (no transform, imputation or treatment; per-year min-max) and the column-wise
/// aggregation kernels give the same bits as the general path, which a do-nothing transform (`cap` at +∞)
/// forces; and the compact cell origins read back what was written.
@Suite struct DirectPathTests {
    static func cube(units: Int, series: Int, years: Int, missing: Double, seed: UInt64) throws -> IndicatorCube {
        var rng = TestLCG(state: seed)
        var cube = try IndicatorCube(units: (0..<units).map { "u\($0)" }, series: (0..<series).map { "s\($0)" },
                                     years: Array(2000..<(2000 + years)))
        for k in cube.values.indices {
            let v = rng.next()
            // Some exact repeats (ties, constant columns) and zeros.
            cube.values[k] = rng.next() < missing ? .nan : (v < 0.1 ? 0 : (v < 0.2 ? 1 : v * 10))
        }
        return cube
    }

    static func framework(series: Int, pillars: Int, forceGeneral: Bool, index: Aggregation) -> Framework {
        var f = WorkloadFramework.make(indicators: series, pillars: pillars, index: index)
        guard forceGeneral else { return f }
        func capped(_ node: FrameworkNode) -> FrameworkNode {
            var node = node
            switch node.content {
            case .indicator(var spec):
                spec.series = "s\(spec.series)"
                if forceGeneral { spec.transform = .cap(upper: .infinity) }
                node.content = .indicator(spec)
            case .composite(let children, let method, let coverage):
                node.content = .composite(children: children.map(capped), aggregation: method, coverage: coverage)
            }
            return node
        }
        f.root = capped(f.root)
        return f
    }

    static func renamed(_ f: Framework) -> Framework {
        var f = f
        func rename(_ node: FrameworkNode) -> FrameworkNode {
            var node = node
            switch node.content {
            case .indicator(var spec): spec.series = "s\(spec.series)"; node.content = .indicator(spec)
            case .composite(let children, let method, let coverage):
                node.content = .composite(children: children.map(rename), aggregation: method, coverage: coverage)
            }
            return node
        }
        f.root = rename(f.root)
        return f
    }

    @Test(arguments: [Aggregation.arithmetic, .geometricShifted(shift: 1), .geometric])
    func directAndGeneralPathsAgreeBitForBit(index: Aggregation) throws {
        let cube = try Self.cube(units: 37, series: 9, years: 4, missing: 0.35, seed: 7)
        let direct = Self.renamed(WorkloadFramework.make(indicators: 9, pillars: 3, index: index))
        let general = Self.framework(series: 9, pillars: 3, forceGeneral: true, index: index)
        let a = try Construction.prepare(direct, cube: cube, threads: 3)
        let b = try Construction.prepare(general, cube: cube)
        #expect(a.normalised.map(\.bitPattern) == b.normalised.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern })
        #expect(a.origins == b.origins)
        do {
            let ra = try a.aggregate(), rb = try b.aggregate()
            #expect(ra.scores.map(\.bitPattern) == rb.scores.map(\.bitPattern))
            #expect(ra.ranks == rb.ranks)
            #expect(ra.coverage == rb.coverage)
        } catch {
            // The plain geometric mean rejects the zeros min-max produces, on both paths alike.
            #expect(index == .geometric)
            #expect(throws: ConstructionError.self) { try b.aggregate() }
        }
    }

    @Test func columnKernelMatchesTheUnitByUnitForm() throws {
        var rng = TestLCG(state: 3)
        let U = 50, k = 5
        let values = (0..<(U * k)).map { _ in rng.next() < 0.3 ? Double.nan : rng.next() * 100 }
        let weights = (0..<k).map { _ in 0.5 + rng.next() }
        let matrix = try Matrix(rows: U, columns: k, columnMajor: values)
        for method in [Aggregation.arithmetic, .geometric, .geometricShifted(shift: 1)] {
            for coverage in [0.0, 0.5, 0.6, 1.0] {
                let expected = try method.aggregate(matrix, weights: weights, coverage: coverage)
                var scores = [Double](repeating: 0, count: U), share = scores
                let ok = values.withUnsafeBufferPointer { v in
                    scores.withUnsafeMutableBufferPointer { s in
                        share.withUnsafeMutableBufferPointer { c in
                            method.aggregateColumns((0..<k).map { v.baseAddress! + U * $0 }, weights: weights,
                                                    needed: Aggregation.requiredChildren(coverage: coverage, children: k),
                                                    units: U, scores: s.baseAddress!, share: c.baseAddress!)
                        }
                    }
                }
                #expect(ok)
                #expect(scores.map(\.bitPattern) == expected.scores.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern })
                #expect(share == expected.coverage)
            }
        }
    }

    @Test func kernelDeclinesValuesOutsideTheDomain() throws {
        let column: [Double] = [1, -2, 3]
        var out = [Double](repeating: 0, count: 3)
        let ok = column.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { s in
                Aggregation.geometricShifted(shift: 1).aggregateColumns(
                    [v.baseAddress!], weights: [1], needed: 1, units: 3, scores: s.baseAddress!, share: nil)
            }
        }
        #expect(!ok)  // −2 + 1 ≤ 0: the general form then throws the located error
    }

    @Test func cellOriginsReadBackWhatWasWritten() {
        let list: [CellOrigin] = [.observed, .missing, .imputed, .carried(fromYear: 2017), .interpolated, .observed,
                                  .carried(fromYear: 2019)]
        var origins = CellOrigins(list)
        #expect(Array(origins) == list)
        #expect(origins.map(\.isFilled) == list.indices.map { origins.isFilled($0) })
        origins[1] = .carried(fromYear: 2020)
        #expect(origins[1] == .carried(fromYear: 2020) && origins[3] == .carried(fromYear: 2017))
        #expect(origins[6] == .carried(fromYear: 2019) && origins[5] == .observed)
        var joined = CellOrigins(presenceOf: [1, .nan])
        joined.append(contentsOf: origins.extracting(2..<4))
        #expect(Array(joined) == [.observed, .missing, .imputed, .carried(fromYear: 2017)])
        #expect(CellOrigins(repeating: .imputed, count: 3) == CellOrigins([.imputed, .imputed, .imputed]))
    }
}
