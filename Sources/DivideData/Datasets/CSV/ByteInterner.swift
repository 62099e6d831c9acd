#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps distinct byte strings (unit or indicator texts of one file) to small integer ids without making a `String`
/// per row: an open-addressing hash table (FNV-1a hash, linear probing) over a byte arena, with a one-entry cache
/// for the common case of sorted files where the same key repeats on consecutive rows.
///
/// Readers use it so that per row only small integers flow to the panel builder.
public struct ByteInterner {
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]  // key k occupies arena[offsets[k] ..< offsets[k + 1]]
    private var table: [Int32]  // slot → key id, -1 = empty
    private var hashes: [UInt64] = []
    private var lastKey: Int32 = -1

    public init() {
        table = Array(repeating: -1, count: 64)
    }

    /// The number of distinct keys.
    public var count: Int { offsets.count - 1 }

    /// The key with id `id` as a `String`.
    public func text(_ id: Int32) -> String {
        let k = Int(id)
        guard k >= 0, k < count else { return "" }
        return arena[offsets[k]..<offsets[k + 1]].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// The id of `bytes`, and whether it was seen for the first time.
    @inline(__always)
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        if lastKey >= 0 && equals(lastKey, bytes) { return (lastKey, false) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let id = table[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(id, bytes) {
                lastKey = id
                return (id, false)
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        hashes.append(hash)
        table[slot] = id
        lastKey = id
        if count * 2 > table.count { grow() }
        return (id, true)
    }

    @inline(__always)
    private func equals(_ id: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let k = Int(id)
        let start = offsets[k]
        let length = offsets[k + 1] - start
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { stored in
            let a = stored.baseAddress! + start
            let b = bytes.baseAddress!
            if length <= 16 {  // short keys (codes, numbers): a byte loop beats a call to memcmp
                for k in 0..<length where a[k] != b[k] { return false }
                return true
            }
            return memcmp(a, b, length) == 0
        }
    }

    private mutating func grow() {
        let size = table.count * 2
        var newTable = Array(repeating: Int32(-1), count: size)
        for id in 0..<count {
            let hash = hashes[id]
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (size - 1)
            while newTable[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            newTable[slot] = Int32(id)
        }
        table = newTable
    }
}
