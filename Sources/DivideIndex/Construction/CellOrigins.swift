import DivideData

/// One ``CellOrigin`` per cell of the construction, stored compactly: a byte per cell, plus the source year of
/// carried cells (allocated only when some cell is carried).
///
/// An `[CellOrigin]` takes 16 bytes per cell (the enum carries a year); at 2,000 units × 100 indicators ×
/// 30 years that is 96 MB written on every construction, more than the normalised values themselves. This
/// collection reads and writes like the array it replaces.
public struct CellOrigins: RandomAccessCollection, MutableCollection, Sendable, Equatable {
    /// 0 observed, 1 missing, 2 imputed, 3 carried, 4 interpolated.
    @usableFromInline package var kinds: [UInt8]
    /// The year a carried cell was copied from (same indices as `kinds`); empty until a cell is carried.
    @usableFromInline package var carriedFrom: [Int]

    @usableFromInline package static let observedCode: UInt8 = 0, missingCode: UInt8 = 1, imputedCode: UInt8 = 2,
                                  carriedCode: UInt8 = 3, interpolatedCode: UInt8 = 4

    /// `count` cells of the same origin.
    public init(repeating origin: CellOrigin, count: Int) {
        self.init(repeatElement(origin, count: count))
    }

    /// The origins in `sequence`, in order.
    public init<S: Sequence>(_ sequence: S) where S.Element == CellOrigin {
        var kinds: [UInt8] = [], years: [Int] = [], carried = false
        kinds.reserveCapacity(sequence.underestimatedCount)
        for origin in sequence {
            switch origin {
            case .observed: kinds.append(Self.observedCode)
            case .missing: kinds.append(Self.missingCode)
            case .imputed: kinds.append(Self.imputedCode)
            case .interpolated: kinds.append(Self.interpolatedCode)
            case .carried(let year):
                if !carried { years = [Int](repeating: 0, count: kinds.count); carried = true }
                kinds.append(Self.carriedCode)
                years.append(year)
                continue
            }
            if carried { years.append(0) }
        }
        self.kinds = kinds
        carriedFrom = years
    }

    /// Observed where `values` has a number, missing where it is NaN.
    public init(presenceOf values: [Double]) {
        kinds = values.map { $0.isNaN ? Self.missingCode : Self.observedCode }
        carriedFrom = []
    }

    /// Wraps byte codes written directly by a kernel (0 observed, 1 missing).
    package init(codes: [UInt8]) {
        kinds = codes
        carriedFrom = []
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { kinds.count }

    public subscript(position: Int) -> CellOrigin {
        get {
            switch kinds[position] {
            case Self.observedCode: return .observed
            case Self.missingCode: return .missing
            case Self.imputedCode: return .imputed
            case Self.carriedCode: return .carried(fromYear: carriedFrom[position])
            default: return .interpolated
            }
        }
        set {
            switch newValue {
            case .observed: kinds[position] = Self.observedCode
            case .missing: kinds[position] = Self.missingCode
            case .imputed: kinds[position] = Self.imputedCode
            case .interpolated: kinds[position] = Self.interpolatedCode
            case .carried(let year):
                if carriedFrom.isEmpty { carriedFrom = [Int](repeating: 0, count: kinds.count) }
                kinds[position] = Self.carriedCode
                carriedFrom[position] = year
            }
        }
    }

    /// Whether the cell was filled (imputed, carried or interpolated), without building the enum.
    @inlinable public func isFilled(_ position: Int) -> Bool { kinds[position] >= 2 }

    /// The cells in `range`, as a collection of their own.
    public func extracting(_ range: Range<Int>) -> CellOrigins {
        var out = CellOrigins(codes: Array(kinds[range]))
        if !carriedFrom.isEmpty { out.carriedFrom = Array(carriedFrom[range]) }
        return out
    }

    /// Appends the cells of `other`.
    public mutating func append(contentsOf other: CellOrigins) {
        if carriedFrom.isEmpty && !other.carriedFrom.isEmpty {
            carriedFrom = [Int](repeating: 0, count: kinds.count)
        }
        kinds += other.kinds
        if !carriedFrom.isEmpty {
            carriedFrom += other.carriedFrom.isEmpty ? [Int](repeating: 0, count: other.count) : other.carriedFrom
        }
    }

    public static func == (a: CellOrigins, b: CellOrigins) -> Bool {
        a.count == b.count && a.indices.allSatisfy { a[$0] == b[$0] }
    }
}
