using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Web.Departments;

/// <summary>The departments of the jurisdiction's matter catalogue (the sample's codes, docs/api.md).</summary>
public sealed class CatalogueDepartments(MatterCatalogue catalogue) : IDepartmentCatalogue
{
    private readonly IReadOnlyList<Department> _all = catalogue.Departments.Select(d => new Department(d.Code, d.Name)).ToList();

    public ValueTask<IReadOnlyList<Department>> ListAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_all);

    public ValueTask<Department?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_all.FirstOrDefault(d => d.Code == code));
}
