namespace Workflow.Host.Web.Access;

/// <summary>
/// Marks a POST endpoint that only reads (Elsa's journal and execution report take their filters in a POST body), so
/// that <see cref="AccessPolicies.ElsaApiReadOnlyForSupervisors"/> treats it as a read and the supervisor's
/// read-only Studio can use it.
/// </summary>
public sealed class ReadsOnlyMetadata
{
    public static readonly ReadsOnlyMetadata Instance = new();
}
