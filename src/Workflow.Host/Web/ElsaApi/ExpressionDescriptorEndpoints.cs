namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// <c>GET /descriptors/expression-descriptors</c>: the expression syntaxes an input may use. Only those the engine
/// evaluates are listed (Literal, Object, Variable, JavaScript on Jint 4, Liquid on Fluid; docs/definition-format.md,
/// "Expression types"); the editor throws when nothing besides Literal, Object, Variable and Input is listed
/// (docs/studio.md). Liquid's descriptor is Elsa's (Elsa.Expressions.Liquid/Providers/LiquidExpressionSyntaxProvider.cs).
/// </summary>
public static class ExpressionDescriptorEndpoints
{
    /// <summary>One syntax. <c>Properties.MonacoLanguage</c> picks the code editor's language.</summary>
    public sealed record ExpressionDescriptor(string Type, string DisplayName, bool IsSerializable, bool IsBrowsable, IReadOnlyDictionary<string, string> Properties);

    public static readonly IReadOnlyList<ExpressionDescriptor> All =
    [
        new("Literal", "Literal", true, true, new Dictionary<string, string>()),
        new("Object", "Object", true, false, new Dictionary<string, string> { ["MonacoLanguage"] = "json" }),
        new("Variable", "Variable", true, false, new Dictionary<string, string>()),
        new("JavaScript", "JavaScript", true, true, new Dictionary<string, string> { ["MonacoLanguage"] = "javascript" }),
        new("Liquid", "Liquid", true, true, new Dictionary<string, string> { ["MonacoLanguage"] = "liquid" }),
    ];

    public static RouteGroupBuilder MapExpressionDescriptorEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/descriptors/expression-descriptors", () => TypedResults.Ok(ElsaList<ExpressionDescriptor>.Of(All)));
        return elsa;
    }
}
