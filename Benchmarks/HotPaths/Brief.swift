// One economy's brief as `divide brief KOR --replications 0` makes it once the index is computed: the BriefBuilder
// over the flagship result and the shipped panel, the brief for KOR in the latest scored year, rendered to text.

import Benchmark
import DigitalDivide

func briefBenchmarks() {
    Benchmark("brief.KOR.text") { benchmark in
        let (result, panel) = (flagship.result, flagship.panel)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let builder = BriefBuilder(result: result, panel: panel)
            let brief = try builder.brief(for: "KOR", year: builder.defaultYear)
            blackHole(brief.text(width: 100, colour: false).utf8.count)
        }
    }
}
