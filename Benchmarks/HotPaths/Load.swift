// Loading: two shipped CSV files through their readers (World Bank wide, ITU DataHub long) with country resolution,
// and a generated workload `data.csv` (the `divide bench workload` input) with the benchmark options.

import Benchmark
import DigitalDivide
@_spi(Tuning) import DivideData

func loadBenchmarks() {
    let resolving = LoadOptions(unitPolicy: .resolve(CountryRegistry.standard))
    for (name, file) in [("worldbank-internet-users", "worldbank/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv"),
                         ("itu-datahub-mobile-broadband", "itu/datahub/data_only_mobile_broadband_5GB.csv")] {
        Benchmark("load.shipped-csv.\(name)") { benchmark in
            let loader = DataLoader(options: resolving)
            let path = shippedData + "/" + file
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(loader.load(files: [path]).panel.cellCount)
            }
        }
    }

    let csv = writeWorkloadCSV(units: small.units, indicators: small.indicators, years: small.years)
    Benchmark("load.workload-data-csv.62x40x20") { benchmark in
        let loader = DataLoader(options: .benchmark)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(loader.load(files: [csv]).panel.cellCount)
        }
    }
}
