namespace Workflow.Host.Web.Departments;

/// <summary>
/// The approving departments of the jurisdiction, from the matter catalogue (<see cref="CatalogueDepartments"/>).
/// </summary>
public interface IDepartmentCatalogue
{
    /// <summary>Every department, in the catalogue's order.</summary>
    ValueTask<IReadOnlyList<Department>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The department with this code (exact, lower case), or null.</summary>
    ValueTask<Department?> FindAsync(string code, CancellationToken cancellationToken = default);
}
