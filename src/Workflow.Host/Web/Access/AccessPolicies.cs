using Microsoft.AspNetCore.Authorization;

namespace Workflow.Host.Web.Access;

/// <summary>
/// The authorization policies, each named after the rule it enforces. Endpoints and pages name a policy; nothing
/// checks roles in <c>if</c>s.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Anyone signed in (every role).</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Who may look at workflow definitions and instances in the Studio: designer, admin, supervisor.</summary>
    public const string ReadWorkflows = nameof(ReadWorkflows);

    /// <summary>Who may change workflow definitions (save, publish, retract, delete, run): designer, admin.</summary>
    public const string EditWorkflows = nameof(EditWorkflows);

    /// <summary>Who may administer the jurisdiction's set-up (which workflow handles which stage): admin only.</summary>
    public const string Administer = nameof(Administer);

    /// <summary>
    /// The Elsa API rule (docs/studio.md): reads (GET, HEAD) follow <see cref="ReadWorkflows"/>, every other method
    /// <see cref="EditWorkflows"/>, so the supervisor's Studio is read-only and everyone else gets 403.
    /// </summary>
    public const string ElsaApiReadOnlyForSupervisors = nameof(ElsaApiReadOnlyForSupervisors);

    internal static readonly string[] WorkflowReaders = [nameof(UserRole.Designer), nameof(UserRole.Admin), nameof(UserRole.Supervisor)];
    internal static readonly string[] WorkflowEditors = [nameof(UserRole.Designer), nameof(UserRole.Admin)];

    /// <summary>Registers every policy, and makes <see cref="SignedIn"/> the fallback for endpoints that name none.</summary>
    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder builder)
    {
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        builder.AddPolicy(SignedIn, signedIn);
        builder.SetFallbackPolicy(signedIn);
        builder.AddPolicy(ReadWorkflows, p => p.RequireAuthenticatedUser().RequireRole(WorkflowReaders));
        builder.AddPolicy(EditWorkflows, p => p.RequireAuthenticatedUser().RequireRole(WorkflowEditors));
        builder.AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireRole(nameof(UserRole.Admin)));
        builder.AddPolicy(ElsaApiReadOnlyForSupervisors, p => p.RequireAuthenticatedUser().AddRequirements(new ReadsOrEditsRequirement()));
        return builder;
    }
}
