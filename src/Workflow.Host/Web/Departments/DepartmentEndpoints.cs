using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.Departments;

/// <summary><c>GET /api/departments</c>: the department list, for every signed-in user.</summary>
public static class DepartmentEndpoints
{
    /// <summary>One department in the list.</summary>
    public sealed record DepartmentItem(string Code, string Name);

    /// <summary>The list's envelope: <c>{items: [{code, name}]}</c>.</summary>
    public sealed record DepartmentList(IReadOnlyList<DepartmentItem> Items);

    public static IEndpointRouteBuilder MapDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Departments").RequireAuthorization(AccessPolicies.SignedIn);
        group.MapGet("", async Task<Ok<DepartmentList>> (IDepartmentCatalogue catalogue, CancellationToken ct) =>
        {
            var departments = await catalogue.ListAsync(ct);
            return TypedResults.Ok(new DepartmentList(departments.Select(d => new DepartmentItem(d.Code, d.Name)).ToList()));
        })
        .WithName("ListDepartments")
        .WithSummary("Lists the approving departments (code and name).");
        return app;
    }
}
