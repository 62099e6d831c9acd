import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

extension Brief {
    /// The brief as JSON in the schema of `docs/brief-schema.md`: snake_case keys, sorted, pretty-printed, absent
    /// values omitted, ending in a newline. The same brief always gives the same bytes.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(self)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a brief written by ``json()``.
    /// - Throws: `DecodingError` naming the coding path of the first field that does not match the schema.
    public static func decode(json data: Data) throws -> Brief {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Brief.self, from: data)
    }
}
