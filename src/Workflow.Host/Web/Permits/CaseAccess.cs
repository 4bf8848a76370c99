using System.Security.Claims;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Definitions.Persistence;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.Permits;

/// <summary>
/// Who may see and do what with projects, cases and steps — one place for the REST API and the pages alike.
/// The role decides what may ever be done (else 403); ownership or department decides what may be seen (else 404).
/// Agents own projects; reviewers see their department's steps and the cases those belong to; the front desk sees
/// intake steps; the supervisor reads everything and acts on nothing; the designer has no business with cases;
/// the admin may do everything.
/// </summary>
public sealed class CaseAccess(ClaimsPrincipal user)
{
    public UserRole? Role { get; } = AppClaims.RoleOf(user);
    public string UserName { get; } = AppClaims.UserNameOf(user) ?? "";
    public string? Department { get; } = AppClaims.DepartmentOf(user);

    /// <summary>The inbox department of the caller: the reviewer's department, <c>frontdesk</c> for the window, null for roles that see every inbox.</summary>
    public string? InboxDepartment => Role switch
    {
        UserRole.Reviewer => Department,
        UserRole.FrontDesk => PermitActivity.FrontDesk,
        _ => null,
    };

    public AccessDecision ListProjects() => Role is UserRole.Agent or UserRole.Supervisor or UserRole.Admin ? AccessDecision.Allowed : AccessDecision.Forbidden;

    public AccessDecision CreateProject() => Role is UserRole.Agent or UserRole.Admin ? AccessDecision.Allowed : AccessDecision.Forbidden;

    /// <summary>Agents see their own projects, the supervisor and admin all of them.</summary>
    public AccessDecision SeeProject(ProjectRow project) => Role switch
    {
        UserRole.Supervisor or UserRole.Admin => AccessDecision.Allowed,
        UserRole.Agent => project.Agent == UserName ? AccessDecision.Allowed : AccessDecision.Hidden,
        _ => AccessDecision.Forbidden,
    };

    /// <summary>Filing an application: the project's own agent (or admin).</summary>
    public AccessDecision Apply(ProjectRow project) => Role switch
    {
        UserRole.Admin => AccessDecision.Allowed,
        UserRole.Agent => project.Agent == UserName ? AccessDecision.Allowed : AccessDecision.Hidden,
        _ => AccessDecision.Forbidden,
    };

    /// <summary>A case: its agent, any department holding one of its steps, the front desk while it has an intake step, supervisor, admin.</summary>
    public AccessDecision SeeCase(CaseFile file) => SeeCase(file.Agent, file.Steps.Select(s => s.Department));

    /// <inheritdoc cref="SeeCase(CaseFile)"/>
    public AccessDecision SeeCase(CaseSnapshot snapshot) => SeeCase(snapshot.Agent, snapshot.Steps.Select(s => s.Step.Department));

    private AccessDecision SeeCase(string agent, IEnumerable<string> stepDepartments) => Role switch
    {
        UserRole.Supervisor or UserRole.Admin => AccessDecision.Allowed,
        UserRole.Agent => agent == UserName ? AccessDecision.Allowed : AccessDecision.Hidden,
        UserRole.Reviewer or UserRole.FrontDesk => stepDepartments.Any(d => d == InboxDepartment) ? AccessDecision.Allowed : AccessDecision.Hidden,
        _ => AccessDecision.Forbidden,
    };

    /// <summary>Listing cases: agents (their own), reviewers and the front desk (cases in their inbox), supervisor and admin (all).</summary>
    public AccessDecision ListCases() => Role is UserRole.Designer or null ? AccessDecision.Forbidden : AccessDecision.Allowed;

    /// <summary>Supplying materials or resubmitting: the case's agent (or admin).</summary>
    public AccessDecision SupplyMaterials(CaseFile file) => SupplyMaterials(file.Agent);

    /// <inheritdoc cref="SupplyMaterials(CaseFile)"/>
    public AccessDecision SupplyMaterials(CaseSnapshot snapshot) => SupplyMaterials(snapshot.Agent);

    private AccessDecision SupplyMaterials(string agent) => Role switch
    {
        UserRole.Admin => AccessDecision.Allowed,
        UserRole.Agent => agent == UserName ? AccessDecision.Allowed : AccessDecision.Hidden,
        _ => AccessDecision.Forbidden,
    };

    public AccessDecision ReadInbox() => Role is UserRole.Reviewer or UserRole.FrontDesk or UserRole.Supervisor or UserRole.Admin ? AccessDecision.Allowed : AccessDecision.Forbidden;

    /// <summary>A step: the department whose inbox holds it, the case's agent (read only), supervisor, admin.</summary>
    public AccessDecision SeeStep(StepRow step, string? caseAgent) => Role switch
    {
        UserRole.Supervisor or UserRole.Admin => AccessDecision.Allowed,
        UserRole.Reviewer or UserRole.FrontDesk => step.Department == InboxDepartment ? AccessDecision.Allowed : AccessDecision.Hidden,
        UserRole.Agent => caseAgent == UserName ? AccessDecision.Allowed : AccessDecision.Hidden,
        _ => AccessDecision.Forbidden,
    };

    /// <summary>Acting on a step: only the department whose inbox holds it (or admin); agents, supervisor and designer never.</summary>
    public AccessDecision ActOnStep(StepRow step) => Role switch
    {
        UserRole.Admin => AccessDecision.Allowed,
        UserRole.Reviewer or UserRole.FrontDesk => step.Department == InboxDepartment ? AccessDecision.Allowed : AccessDecision.Hidden,
        _ => AccessDecision.Forbidden,
    };

    // ---- things that do not exist: 404 for roles that could see such a thing, 403 for roles that never could ----

    /// <summary>A project id that does not exist: 404 for roles that see projects, else 403.</summary>
    public AccessDecision SeeUnknownProject() => Unknown(ListProjects());

    /// <summary>Filing for a project id that does not exist: 404 for agents and admin, else 403.</summary>
    public AccessDecision ApplyToUnknownProject() => Unknown(CreateProject());

    /// <summary>A case or step id that does not exist: 404 for every role that sees cases, 403 for the designer.</summary>
    public AccessDecision SeeUnknownCase() => Unknown(Role is null or UserRole.Designer ? AccessDecision.Forbidden : AccessDecision.Allowed);

    /// <summary>Supplying materials to a case id that does not exist: 404 for agents and admin, else 403.</summary>
    public AccessDecision SupplyToUnknownCase() => Unknown(CreateProject());

    /// <summary>Acting on a step id that does not exist: 404 for reviewers, the front desk and admin, else 403.</summary>
    public AccessDecision ActOnUnknownStep() => Unknown(Role is UserRole.Reviewer or UserRole.FrontDesk or UserRole.Admin ? AccessDecision.Allowed : AccessDecision.Forbidden);

    private static AccessDecision Unknown(AccessDecision roleMay) => roleMay == AccessDecision.Allowed ? AccessDecision.Hidden : AccessDecision.Forbidden;
}
