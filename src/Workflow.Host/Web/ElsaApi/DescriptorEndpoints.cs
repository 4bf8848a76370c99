namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// The strategy, storage and variable-type descriptor lists that the Studio reads when the editor loads or a settings
/// tab opens. Empty strategy lists mean "the default only"; the Studio is fine with that (docs/studio.md).
/// </summary>
public static class DescriptorEndpoints
{
    /// <summary>A strategy the workflow settings tab offers (activation, log persistence, incident, commit).</summary>
    public sealed record StrategyDescriptor(string TypeName, string DisplayName, string Description);

    /// <summary>Where a variable's value lives.</summary>
    public sealed record StorageDriverDescriptor(string TypeName, string DisplayName, int Priority, bool Deprecated);

    /// <summary>A type a workflow variable may have; <c>TypeName</c> is the alias Elsa writes in definitions.</summary>
    public sealed record VariableTypeDescriptor(string TypeName, string DisplayName, string Category, string? Description);

    /// <summary>
    /// The storage driver every variable of ours uses: values live in the workflow instance (what the captured
    /// definitions name). Memory-only variables are not offered, since our instances are persisted between steps.
    /// </summary>
    public static readonly StorageDriverDescriptor WorkflowInstanceStorage =
        new("Elsa.Workflows.WorkflowInstanceStorageDriver", "Workflow instance", 0, false);

    /// <summary>The variable types offered in the Studio's variables tab.</summary>
    public static readonly IReadOnlyList<VariableTypeDescriptor> VariableTypes =
    [
        new("Object", "Object", "Primitives", "Any JSON value."),
        new("String", "String", "Primitives", "Text."),
        new("Boolean", "Boolean", "Primitives", "true or false."),
        new("Int32", "Int32", "Primitives", "A whole number (32 bits)."),
        new("Int64", "Int64", "Primitives", "A whole number (64 bits)."),
        new("Double", "Double", "Primitives", "A floating-point number."),
        new("Decimal", "Decimal", "Primitives", "A decimal number."),
        new("DateTime", "DateTime", "Primitives", "A date and time."),
        new("Guid", "Guid", "Primitives", "A globally unique identifier."),
    ];

    public static RouteGroupBuilder MapDescriptorEndpoints(this RouteGroupBuilder elsa)
    {
        var descriptors = elsa.MapGroup("/descriptors");
        var none = ElsaList<StrategyDescriptor>.Of([]);
        descriptors.MapGet("/workflow-activation-strategies", () => TypedResults.Ok(none));
        descriptors.MapGet("/log-persistence-strategies", () => TypedResults.Ok(none));
        descriptors.MapGet("/incident-strategies", () => TypedResults.Ok(none));
        descriptors.MapGet("/commit-strategies/workflows", () => TypedResults.Ok(none));
        descriptors.MapGet("/commit-strategies/activities", () => TypedResults.Ok(none));
        descriptors.MapGet("/storage-drivers", () => TypedResults.Ok(ElsaList<StorageDriverDescriptor>.Of([WorkflowInstanceStorage])));
        descriptors.MapGet("/variables", () => TypedResults.Ok(ElsaList<VariableTypeDescriptor>.Of(VariableTypes)));
        return elsa;
    }
}
