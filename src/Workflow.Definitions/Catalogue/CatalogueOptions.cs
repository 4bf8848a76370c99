using Workflow.Engine.Activities;

namespace Workflow.Definitions.Catalogue;

/// <summary>
/// Feeds the designer's dropdowns from the matter catalogue: inputs naming departments list the departments,
/// inputs naming matters list the matters (code · name · department).
/// </summary>
public sealed class CatalogueOptions(MatterCatalogue catalogue) : IInputOptionsProvider
{
    /// <inheritdoc />
    public IReadOnlyList<InputOption> GetOptions(string activityTypeName, string inputName) =>
        inputName.Contains("matter", StringComparison.OrdinalIgnoreCase)
            ? catalogue.Matters.Select(m => new InputOption(m.Code, $"{m.Code} {m.Name}（{catalogue.FindDepartment(m.Department)?.Name}）")).ToList()
            : catalogue.Departments.Select(d => new InputOption(d.Code, $"{d.Name} ({d.Code})")).ToList();
}
