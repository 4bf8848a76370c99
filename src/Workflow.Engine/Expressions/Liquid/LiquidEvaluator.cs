using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Filters;
using Fluid.Values;

namespace Workflow.Engine.Expressions.Liquid;

/// <summary>
/// Renders Liquid expressions with Fluid, exposing what Elsa's Liquid module does
/// (Elsa.Expressions.Liquid/Handlers/ConfigureLiquidEngine.cs): <c>Variables.Name</c>, <c>Input.Name</c> (workflow
/// input, any case), <c>CorrelationId</c>, <c>WorkflowDefinitionId</c>, <c>WorkflowDefinitionVersionId</c>,
/// <c>WorkflowDefinitionVersion</c> and <c>WorkflowInstanceId</c>; Fluid's array, string, number and misc filters
/// plus Elsa's <c>base64</c> and <c>keys</c> (Features/LiquidFeature.cs); no HTML encoding (Elsa's
/// <c>NullEncoder</c>). Top-level names ignore case, as Fluid's do. The result is the rendered text; a blank
/// template renders null, as in Elsa's LiquidTemplateManager. Steps and nesting are bounded by the scope's
/// <see cref="ScriptLimits"/> (MaxStatements, else one million steps; MaxRecursionDepth).
/// </summary>
public static class LiquidEvaluator
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Templates = new(StringComparer.Ordinal);
    private const int TemplateCacheSize = 2048;
    private const int DefaultMaxSteps = 1_000_000;

    /// <exception cref="ExpressionException">The template does not parse, or rendering fails or runs over its limits.</exception>
    public static JsonNode? Evaluate(string template, ExpressionScope scope)
    {
        if (string.IsNullOrWhiteSpace(template)) return null;
        var parsed = Parse(template);
        var options = CreateOptions(scope.Limits);
        var context = new TemplateContext(options);
        var instance = scope.Instance;
        context.SetValue("Variables", FluidValue.Create(ToClr(scope.Variables, StringComparer.Ordinal), options));
        context.SetValue("Input", FluidValue.Create(ToClr(scope.Input, StringComparer.OrdinalIgnoreCase), options));
        context.SetValue("CorrelationId", instance?.CorrelationId is { } c ? new StringValue(c) : NilValue.Instance);
        context.SetValue("WorkflowDefinitionId", Text(instance?.DefinitionId ?? scope.Definition?.DefinitionId));
        context.SetValue("WorkflowDefinitionVersionId", Text(instance?.DefinitionVersionId ?? scope.Definition?.Id));
        context.SetValue("WorkflowDefinitionVersion", instance is not null ? NumberValue.Create(instance.DefinitionVersion)
            : scope.Definition is { } d ? NumberValue.Create(d.Version) : NilValue.Instance);
        context.SetValue("WorkflowInstanceId", Text(instance?.Id));
        try
        {
            return JsonValue.Create(parsed.Render(context, NullEncoder.Default));
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException($"The Liquid template failed: {e.Message} Template: {template}", e);
        }
    }

    /// <summary>Null when <paramref name="template"/> parses; else Fluid's message (it names the line and column).</summary>
    public static string? CheckSyntax(string template) =>
        Parser.TryParse(template, out _, out var error) ? null : $"The Liquid template does not parse: {error}";

    private static IFluidTemplate Parse(string template)
    {
        if (Templates.TryGetValue(template, out var cached)) return cached;
        // Elsa renders a parse error as the template's text; validation reports it before publishing, so at run time it faults instead.
        if (!Parser.TryParse(template, out var parsed, out var error))
            throw new ExpressionException($"The Liquid template does not parse: {error} Template: {template}");
        if (Templates.Count >= TemplateCacheSize) Templates.Clear();
        return Templates[template] = parsed;
    }

    private static TemplateOptions CreateOptions(ScriptLimits limits)
    {
        var options = new TemplateOptions
        {
            MaxSteps = limits.MaxStatements ?? DefaultMaxSteps,
            MaxRecursion = limits.MaxRecursionDepth,
            CultureInfo = CultureInfo.InvariantCulture,
        };
        options.Filters.WithArrayFilters().WithStringFilters().WithNumberFilters().WithMiscFilters();
        options.Filters.AddFilter("base64", Base64);
        options.Filters.AddFilter("keys", Keys);
        return options;
    }

    /// <summary>Elsa's <c>base64</c> filter (Filters/Base64Filter.cs): the value's text (JSON for arrays and objects, "True"/"False" for booleans) in Base64 of its UTF-8.</summary>
    private static ValueTask<FluidValue> Base64(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        string? text = input.Type switch
        {
            FluidValues.Nil => null,
            FluidValues.Boolean => input.ToBooleanValue().ToString(),
            FluidValues.Number => input.ToNumberValue().ToString(CultureInfo.InvariantCulture),
            FluidValues.String => input.ToStringValue(),
            FluidValues.Array => JsonSerializer.Serialize(input.Enumerate(context).Select(v => v.ToObjectValue())),
            _ => JsonSerializer.Serialize(input.ToObjectValue()),
        };
        return text is null ? NilValue.Instance : new StringValue(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Elsa's <c>keys</c> filter (Filters/DictionaryKeysFilter.cs): the keys of an object.</summary>
    private static ValueTask<FluidValue> Keys(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.ToObjectValue() is IDictionary<string, object?> dictionary
            ? new ArrayValue(dictionary.Keys.Select(k => (FluidValue)new StringValue(k)).ToArray())
            : throw new ArgumentOutOfRangeException(nameof(input), "The keys filter only works on objects.");

    private static FluidValue Text(string? value) => value is null ? NilValue.Instance : new StringValue(value);

    /// <summary>JSON to the plain values Fluid reads: dictionaries, lists, strings, decimals, booleans.</summary>
    private static object? ToClr(JsonNode? node, StringComparer comparer) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToClr(p.Value, StringComparer.Ordinal), comparer),
        JsonArray a => a.Select(i => ToClr(i, StringComparer.Ordinal)).ToList(),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : v.GetValue<double>(),
        _ => node.ToJsonString(),
    };
}
