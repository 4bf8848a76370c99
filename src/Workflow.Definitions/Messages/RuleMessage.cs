namespace Workflow.Definitions.Messages;

/// <summary>
/// A message of the permit domain, said in no language: a <see cref="Code"/> of <see cref="RuleCodes"/> and its
/// arguments. The Host renders it in the request's language from its message catalogue (docs/api.md, *Languages*).
/// Arguments are plain values (<see cref="string"/>, <see cref="int"/>), a <see cref="Catalogue.Stage"/>, or
/// <see cref="CatalogueNames"/> that the Host shows by their names in the catalogue.
/// </summary>
public sealed record RuleMessage(string Code, params object[] Arguments)
{
    /// <summary>The code and the arguments, for logs and exception messages (never shown to users).</summary>
    public override string ToString() => Arguments.Length == 0 ? Code : $"{Code}({string.Join("; ", Arguments)})";
}

/// <summary>What a list of catalogue codes names; the Host shows each code by its name in the request's language.</summary>
public enum CatalogueNameKind
{
    /// <summary>Matter codes (事项).</summary>
    Matter,
    /// <summary>Material codes (材料).</summary>
    Material,
    /// <summary>Department codes (部门).</summary>
    Department,
}

/// <summary>Codes of the catalogue (matters, materials or departments) an argument names, in order.</summary>
public sealed record CatalogueNames(CatalogueNameKind Kind, IReadOnlyList<string> Codes)
{
    /// <summary>The matters with these codes.</summary>
    public static CatalogueNames Matters(IEnumerable<string> codes) => new(CatalogueNameKind.Matter, codes.ToList());
    /// <summary>The materials with these codes.</summary>
    public static CatalogueNames Materials(IEnumerable<string> codes) => new(CatalogueNameKind.Material, codes.ToList());
    /// <summary>The departments with these codes.</summary>
    public static CatalogueNames Departments(IEnumerable<string> codes) => new(CatalogueNameKind.Department, codes.ToList());

    /// <summary>The codes, comma-separated, for logs and exception messages (never shown to users).</summary>
    public override string ToString() => string.Join(", ", Codes);
}
