namespace Workflow.Definitions;

/// <summary>
/// An action broke a rule of the permit domain (e.g. accepting while a core material is missing). Carries the
/// problems keyed by the request field at fault, so the Host can answer RFC 7807 problem details with
/// <c>errors</c>; nothing was applied.
/// </summary>
public sealed class PermitRuleViolation(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))))
{
    /// <summary>
    /// The problems keyed by the request field at fault; the Host answers them as the <c>errors</c> of RFC 7807 problem
    /// details.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>A violation of one rule, on one field.</summary>
    public static PermitRuleViolation For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
