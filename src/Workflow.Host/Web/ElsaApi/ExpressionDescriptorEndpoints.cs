namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// <c>GET /descriptors/expression-descriptors</c>: the expression syntaxes an input may use. Only those the engine
/// evaluates are listed (docs/definition-format.md, Expressions: Literal, Object, Variable, JavaScript on Jint ES5.1); the editor throws when
/// nothing besides Literal, Object, Variable and Input is listed (docs/studio.md).
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
    ];

    public static RouteGroupBuilder MapExpressionDescriptorEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/descriptors/expression-descriptors", () => TypedResults.Ok(ElsaList<ExpressionDescriptor>.Of(All)));
        return elsa;
    }
}
