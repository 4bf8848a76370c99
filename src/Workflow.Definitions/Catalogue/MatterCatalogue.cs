using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Definitions.Catalogue;

/// <summary>
/// The matter catalogue (事项目录) of one jurisdiction: its departments, stages and matters. Immutable;
/// loaded from JSON and validated on load, so an instance is always consistent: every department and
/// prerequisite it names exists, promised limits never exceed statutory ones, and no prerequisites form a cycle.
/// </summary>
public sealed class MatterCatalogue
{
    private readonly Dictionary<string, Department> _departments;
    private readonly Dictionary<string, Matter> _matters;

    private MatterCatalogue(string jurisdiction, string? serviceCentre, bool isSample, string calendarId, IReadOnlyList<Department> departments, IReadOnlyList<StageDefinition> stages, IReadOnlyList<Matter> matters)
    {
        Jurisdiction = jurisdiction;
        ServiceCentre = string.IsNullOrWhiteSpace(serviceCentre) ? $"{jurisdiction}政务服务中心" : serviceCentre.Trim();
        IsSample = isSample;
        CalendarId = calendarId;
        Departments = departments;
        Stages = stages;
        Matters = matters;
        _departments = departments.ToDictionary(d => d.Code, StringComparer.Ordinal);
        _matters = matters.ToDictionary(m => m.Code, StringComparer.Ordinal);
    }

    /// <summary>The jurisdiction's name, e.g. 示例市.</summary>
    public string Jurisdiction { get; }

    /// <summary>
    /// The institution of the one window (综合窗口), which seals the window's documents (受理通知书, 一次性告知书, 不予受理决定书):
    /// the catalogue's <c>serviceCentre</c>, else the jurisdiction's name followed by 政务服务中心.
    /// </summary>
    public string ServiceCentre { get; }

    /// <summary>True for the shipped sample jurisdiction: its data is illustrative, not a real city's.</summary>
    public bool IsSample { get; }

    /// <summary>The id of the working-day calendar that every limit of this catalogue counts on.</summary>
    public string CalendarId { get; }

    /// <summary>The departments (部门) that review matters, in catalogue order.</summary>
    public IReadOnlyList<Department> Departments { get; }
    /// <summary>The stages the jurisdiction runs, each with its case-level limits and workflow.</summary>
    public IReadOnlyList<StageDefinition> Stages { get; }
    /// <summary>Every matter (事项) of the catalogue, in catalogue order.</summary>
    public IReadOnlyList<Matter> Matters { get; }

    /// <summary>The department with this code, or null when the catalogue has none.</summary>
    public Department? FindDepartment(string code) => _departments.GetValueOrDefault(code);
    /// <summary>The matter with this code, or null when the catalogue has none.</summary>
    public Matter? FindMatter(string code) => _matters.GetValueOrDefault(code);

    /// <summary>A material by code (shared codes such as <c>APP</c> name the same material in every matter: the first is answered).</summary>
    public MaterialRequirement? FindMaterial(string code) =>
        Matters.SelectMany(m => m.Materials).FirstOrDefault(x => x.Code == code);
    /// <summary>
    /// The stage's definition; every stage of <see cref="Stage"/> is in a valid catalogue, so this never fails on one.
    /// </summary>
    public StageDefinition GetStage(Stage stage) => Stages.Single(s => s.Stage == stage);
    /// <summary>The matters applied for in this stage.</summary>
    public IEnumerable<Matter> MattersOf(Stage stage) => Matters.Where(m => m.Stage == stage);

    /// <summary>The shipped sample jurisdiction (clearly labelled sample data).</summary>
    public static MatterCatalogue Sample => SampleCatalogue.Value;

    private static readonly Lazy<MatterCatalogue> SampleCatalogue = new(LoadSample);

    private static MatterCatalogue LoadSample()
    {
        const string name = "Workflow.Definitions.Catalogue.sample-catalogue.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return Load(stream, "sample-catalogue.json");
    }

    /// <summary>Reads and validates a catalogue. Throws <see cref="CatalogueException"/> listing every problem, with <paramref name="source"/> in the message.</summary>
    public static MatterCatalogue Load(Stream json, string source)
    {
        CatalogueDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<CatalogueDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new CatalogueException(source, [$"not valid catalogue JSON at {e.Path ?? "$"} (line {e.LineNumber + 1}): {e.Message}"]);
        }
        if (doc is null) throw new CatalogueException(source, ["the file is empty"]);
        return FromDocument(doc, source);
    }

    /// <summary>Reads and validates a catalogue from JSON text.</summary>
    public static MatterCatalogue Parse(string json, string source) =>
        Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), source);

    private static MatterCatalogue FromDocument(CatalogueDocument doc, string source)
    {
        var problems = new List<string>();
        var departments = doc.Departments ?? [];
        var stages = doc.Stages ?? [];
        // Lists a file leaves out are empty, not null, so every rule below can read them.
        var matters = (doc.Matters ?? []).Select(m => m with
        {
            Materials = m.Materials ?? [],
            FormFields = m.FormFields ?? [],
            Prerequisites = m.Prerequisites ?? [],
        }).ToList();

        foreach (var dup in departments.GroupBy(d => d.Code).Where(g => g.Count() > 1))
            problems.Add($"department '{dup.Key}' is listed {dup.Count()} times");
        var departmentCodes = departments.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);

        foreach (var stage in stages)
        {
            if (!departmentCodes.Contains(stage.LeadDepartment))
                problems.Add($"stage {stage.Stage}: lead department '{stage.LeadDepartment}' is not in the department list");
            CheckLimits($"stage {stage.Stage}", stage.StatutoryLimit, stage.PromisedLimit, stage.GreenChannelPromisedLimit, problems);
        }

        foreach (var dup in matters.GroupBy(m => m.Code).Where(g => g.Count() > 1))
            problems.Add($"matter '{dup.Key}' is listed {dup.Count()} times");
        var matterCodes = matters.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);

        foreach (var m in matters)
        {
            var at = $"matter {m.Code}";
            if (!departmentCodes.Contains(m.Department))
                problems.Add($"{at}: department '{m.Department}' is not in the department list");
            if (stages.All(s => s.Stage != m.Stage))
                problems.Add($"{at}: stage {m.Stage} is not defined");
            CheckLimits(at, m.StatutoryLimit, m.PromisedLimit, m.GreenChannelPromisedLimit, problems);
            if (m.IntakeLimit <= 0) problems.Add($"{at}: intakeLimit must be a positive number of working days, not {m.IntakeLimit}");
            if (m.ResubmissionLimit <= 0) problems.Add($"{at}: resubmissionLimit must be a positive number of working days, not {m.ResubmissionLimit}");
            foreach (var dup in m.Materials.GroupBy(x => x.Code).Where(g => g.Count() > 1))
                problems.Add($"{at}: material '{dup.Key}' is listed {dup.Count()} times");
            foreach (var material in m.Materials)
            {
                if (material.Kind == MaterialKind.Waivable && material.CommitmentWorkingDays is not > 0)
                    problems.Add($"{at}: waivable material '{material.Code}' needs commitmentWorkingDays > 0 (the period to supply it)");
                if (material.Kind == MaterialKind.Core && material.CommitmentWorkingDays is not null)
                    problems.Add($"{at}: core material '{material.Code}' cannot have a commitment period (only waivable materials can be supplied later)");
            }
            foreach (var p in m.Prerequisites.Where(p => !matterCodes.Contains(p)))
                problems.Add($"{at}: prerequisite '{p}' is not a matter of this catalogue");
            if (m.Prerequisites.Contains(m.Code))
                problems.Add($"{at}: a matter cannot be its own prerequisite");
        }

        var graph = matters.GroupBy(m => m.Code).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.First().Prerequisites.Where(p => p != g.Key).ToList());
        foreach (var cycle in PrerequisiteCycles.Find(graph))
            problems.Add($"circular prerequisites (互为前置): {string.Join(" → ", cycle)}");

        if (problems.Count > 0) throw new CatalogueException(source, problems);
        return new MatterCatalogue(doc.Jurisdiction ?? "", doc.ServiceCentre, doc.Sample, doc.Calendar ?? "cn-mainland", departments, stages, matters);
    }

    private static void CheckLimits(string at, int statutory, int promised, int green, List<string> problems)
    {
        if (statutory <= 0) problems.Add($"{at}: statutoryLimit must be a positive number of working days, not {statutory}");
        if (promised <= 0) problems.Add($"{at}: promisedLimit must be a positive number of working days, not {promised}");
        if (promised > statutory) problems.Add($"{at}: promisedLimit {promised} exceeds statutoryLimit {statutory} (a promise can only be shorter than the law)");
        if (green <= 0 || green > promised) problems.Add($"{at}: greenChannelPromisedLimit {green} must be between 1 and promisedLimit {promised}");
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record CatalogueDocument(
        string? Jurisdiction,
        string? ServiceCentre,
        bool Sample,
        string? Calendar,
        List<Department>? Departments,
        List<StageDefinition>? Stages,
        List<Matter>? Matters);
}
