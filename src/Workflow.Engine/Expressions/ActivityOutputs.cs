using System.Text.Json.Nodes;

namespace Workflow.Engine.Expressions;

/// <summary>
/// The outputs activities produced during a run, as Elsa's <c>ActivityOutputRegister</c> keeps them: by activity
/// id and output name (<c>Result</c> when none is named), the newest value winning; plus the last activity result
/// (Elsa's <c>WorkflowExecutionContext.GetLastActivityResult()</c>). Scripts read them through
/// <c>getOutputFrom(activityIdOrName[, outputName])</c> and <c>getLastResult()</c>; activities that produce output
/// call <see cref="Record"/>. Backed by a JSON object so the runtime can persist it with the instance's state.
/// </summary>
public sealed class ActivityOutputs(JsonObject? store = null)
{
    /// <summary>Elsa's default output name (<c>ActivityOutputRegister.DefaultOutputName</c>).</summary>
    public const string DefaultOutputName = "Result";

    private const string LastResultKey = "$lastResult";

    /// <summary>The backing JSON: <c>{ "activityId": { "Result": value, ... }, "$lastResult": value }</c>.</summary>
    public JsonObject Store { get; } = store ?? new JsonObject();

    /// <summary>
    /// Where the keys of <see cref="Store"/> that change are noted (the run's state, so the save writes only those;
    /// Runtime.ExecutionStateData.TouchedOutputs); null: not noted.
    /// </summary>
    internal ISet<string>? Touched { get; init; }

    /// <summary>
    /// Records an output of <paramref name="activityId"/>; when <paramref name="outputName"/> is null or
    /// <see cref="DefaultOutputName"/>, the value also becomes the last result.
    /// </summary>
    public void Record(string activityId, string? outputName, JsonNode? value)
    {
        outputName ??= DefaultOutputName;
        Touched?.Add(activityId);
        if (Store[activityId] is not JsonObject outputs)
            Store[activityId] = outputs = new JsonObject();
        outputs[outputName] = value?.DeepClone();
        if (outputName == DefaultOutputName) LastResult = value;
    }

    /// <summary>The result of the activity that ran last and produced one (null before any).</summary>
    public JsonNode? LastResult
    {
        get => Store[LastResultKey]?.DeepClone();
        set
        {
            Touched?.Add(LastResultKey);
            Store[LastResultKey] = value?.DeepClone();
        }
    }

    /// <summary>The recorded output, or null when the activity has not produced it.</summary>
    public JsonNode? Find(string activityId, string? outputName) =>
        Store[activityId] is JsonObject outputs ? outputs[outputName ?? DefaultOutputName]?.DeepClone() : null;

    /// <summary>Activity ids and output names recorded so far (for the generated <c>get{Output}From{Activity}()</c> accessors).</summary>
    public IEnumerable<(string ActivityId, string OutputName)> Recorded() =>
        Store.Where(p => p.Key != LastResultKey && p.Value is JsonObject)
            .SelectMany(p => ((JsonObject)p.Value!).Select(o => (p.Key, o.Key)));
}
