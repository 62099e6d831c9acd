extension Panel {
    /// The population series read when a caller names none: the World Bank's total population.
    public static let populationSeries = "SP.POP.TOTL"

    /// The share of the population of `all` that `covered` holds: Σ population of the economies of `covered` (that
    /// are in `all`) ÷ Σ population of every economy of `all`, each read as its latest positive value of `series` up to
    /// `year`. Economies of `all` without a population value count in neither sum.
    ///
    /// Nil when the panel has no `series`, or no economy of `all` has a value up to `year` (a share of nothing).
    public func populationShare(of covered: some Sequence<String>, among all: [String], year: Int,
                                series: String = Panel.populationSeries) -> Double? {
        guard indicatorIndex(of: series) != nil else { return nil }
        let measured = Set(covered)
        var total = 0.0, held = 0.0
        for unit in Set(all) {
            guard let people = latest(unit: unit, indicator: series, upTo: year, where: { $0 > 0 })?.value else {
                continue
            }
            total += people
            if measured.contains(unit) { held += people }
        }
        return total > 0 ? held / total : nil
    }
}
