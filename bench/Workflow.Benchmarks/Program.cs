using BenchmarkDotNet.Running;

// `ledger N…`: the ledger export's time and peak memory (docs/benchmarks.md, "Ledger"); anything else: BenchmarkDotNet.
if (args.Length > 0 && args[0] == "ledger")
    await Workflow.Benchmarks.Ledger.LedgerExportMeasurement.RunAsync(args.Length > 1 ? args[1..].Select(int.Parse) : [10_000, 100_000]);
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
