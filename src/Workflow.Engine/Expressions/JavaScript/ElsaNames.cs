namespace Workflow.Engine.Expressions.JavaScript;

/// <summary>
/// Elsa's naming rules for generated script accessors. A name gets accessors when it is "valid"
/// (Elsa.Expressions.JavaScript/Helpers/VariableNameValidator.cs: not blank, every character a letter or digit —
/// Chinese names included, underscores and spaces excluded). The accessor is <c>get</c>/<c>set</c> plus the name
/// Pascalized (Humanizer's <c>Pascalize</c>, as ConfigureEngineWithVariablesAndInputOutputAccessors.cs calls it);
/// on a valid name that only upper-cases the first character: <c>orderTotal</c> → <c>getOrderTotal()</c>.
/// </summary>
public static class ElsaNames
{
    /// <summary>Whether <paramref name="name"/> gets generated accessors (and a place in the <c>variables</c> object).</summary>
    public static bool IsValidVariableName(string? name) => !string.IsNullOrWhiteSpace(name) && name.All(char.IsLetterOrDigit);

    /// <summary>The name with its first character upper-cased (invariant culture), as Pascalize leaves a valid name.</summary>
    public static string Pascalize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
