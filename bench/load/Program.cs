using System.Text.Json;

using Workflow.Load.Engine;
using Workflow.Load.Measure;

namespace Workflow.Load;

/// <summary>The load benchmark (docs/benchmarks.md, "Load"; issue #16). Progress goes to stderr; the summary JSON is stdout's last line. A class of its own (not top-level statements): the Host's <c>Program</c> is referenced too.</summary>
public static class LoadProgram
{
    /// <summary>Runs the benchmark.</summary>
    public static async Task Main(string[] args)
    {
        if (LoadOptions.WantsHelp(args))
        {
            Console.WriteLine(LoadOptions.Usage);
            return;
        }
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(LoadOptions.Usage);
            Environment.ExitCode = 2;
            return;
        }
        var folder = Directory.CreateTempSubdirectory("workflow-load-").FullName;
        Progress.Say($"data in {folder}; {options.Rounds} rounds of {options.Measurement.TotalSeconds:F1} s; sections {string.Join(",", options.Sections)}{(options.ComparePeer ? " + peer" : "")}");
        var summary = new Dictionary<string, object?>();
        try
        {
            if (options.Runs("engine")) await EngineSection.RunAsync(options, folder, summary);
            if (options.Runs("product")) await Workflow.Load.Product.ProductSection.RunAsync(options, folder, summary);
            if (options.Runs("city")) await Workflow.Load.City.CityYear.RunAsync(options, folder, summary);
            if (options.Runs("queries")) await Workflow.Load.Queries.OpenStepQueries.RunAsync(options, folder, summary);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Refresh();
        Progress.Say($"peak working set of this process: {self.PeakWorkingSet64 / 1024.0 / 1024:F0} MB");
        summary["peakWorkingSetBytes"] = self.PeakWorkingSet64;
        // The last line: the figures issue #16 asks for (null where a section did not run).
        string[] keys = ["stepsPerSecond", "peerInMemoryStepsPerSecond", "peerPersistStepsPerSecond", "sqliteCommitsPerSecond", "ratio", "httpStepsPerSecond", "costGrowthK6toK300"];
        Console.WriteLine(JsonSerializer.Serialize(keys.ToDictionary(k => k, k => summary.GetValueOrDefault(k))));
    }
}
