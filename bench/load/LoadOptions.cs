using System.Globalization;

namespace Workflow.Load;

/// <summary>
/// The command line (docs/benchmarks.md, "Load"): <c>--quick</c> (short measurements, under a minute),
/// <c>--compare-peer</c> (the peer interleaved with ours), <c>--rounds N</c> (≥ 3), <c>--seconds S</c> per
/// measurement, <c>--projects N</c> for the city-year, <c>--open-steps N</c> for the query section,
/// <c>--only engine,product,city,queries</c>, <c>--provider Sqlite|PostgreSql</c> for the city-year.
/// </summary>
public sealed record LoadOptions(bool Quick, bool ComparePeer, int Rounds, TimeSpan Measurement, int Projects, int OpenSteps, IReadOnlySet<string> Sections)
{
    /// <summary>The city-year's database: SQLite (default) or PostgreSQL (<c>--provider PostgreSql</c>).</summary>
    public bool PostgreSql { get; init; }

    /// <summary>Every section, in the order they run.</summary>
    public static readonly string[] AllSections = ["engine", "product", "city", "queries"];

    /// <summary>Whether <paramref name="section"/> runs.</summary>
    public bool Runs(string section) => Sections.Contains(section);

    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        bench/load — the load benchmark of issue #16 (docs/benchmarks.md, "Load")
          --quick            short measurements (under a minute; for trying the harness, not for figures)
          --compare-peer     run the peer (bench/peer, bpmn-engine) interleaved with ours
          --rounds N         interleaved rounds (at least 3; default 3)
          --seconds S        seconds per measurement (default 5; 0.5 with --quick)
          --projects N       city-year projects (default 10,000; 3 with --quick)
          --open-steps N     open steps for the query section (default 100,000; 2,000 with --quick)
          --only LIST        sections, comma-separated: engine,product,city,queries (default: all)
          --provider P       the city-year's database: Sqlite (default) or PostgreSql
        Progress goes to stderr; the last line of stdout is the summary JSON.
        """;

    /// <summary>Whether <paramref name="args"/> ask for the usage.</summary>
    public static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>Parses <paramref name="args"/>; unknown arguments are an error.</summary>
    public static LoadOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var comparePeer = args.Contains("--compare-peer");
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var known = new HashSet<string> { "--quick", "--compare-peer", "--rounds", "--seconds", "--projects", "--open-steps", "--only", "--provider" };
        var provider = Value("--provider") ?? "Sqlite";
        if (provider is not ("Sqlite" or "PostgreSql")) throw new ArgumentException($"Unknown provider {provider}; known: Sqlite, PostgreSql.");
        foreach (var (arg, i) in args.Select((a, i) => (a, i)))
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && !known.Contains(arg)) throw new ArgumentException($"Unknown option {arg}; known: {string.Join(", ", known)}.");
        }
        var sections = Value("--only") is { } only ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() : AllSections.ToHashSet();
        var unknown = sections.Except(AllSections).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown section(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllSections)}.");
        return new LoadOptions(quick, comparePeer, Math.Max(3, Number("--rounds", 3)),
            TimeSpan.FromSeconds(Value("--seconds") is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : quick ? 0.5 : 5.0),
            Number("--projects", quick ? 3 : 10_000), Number("--open-steps", quick ? 2_000 : 100_000), sections) { PostgreSql = provider == "PostgreSql" };
    }
}
