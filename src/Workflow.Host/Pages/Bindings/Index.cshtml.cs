using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Tracking;

namespace Workflow.Host.Pages.Bindings;

/// <summary>
/// The administrator's binding page (流程绑定): which published workflow each stage runs, and the matters and kinds of
/// project bound apart; a form to bind, a button to remove a matter or kind binding, and the audit of changes.
/// Admin only (the folder's policy); the rules are <see cref="WorkflowBindings"/>'s, shown in the user's language.
/// </summary>
public sealed class IndexModel(WorkflowBindings bindings, IWorkflowDefinitionStore definitions, MatterCatalogue catalogue, CalendarRegistry calendars) : LocalizedPageModel
{
    /// <summary>An instant in the jurisdiction's time zone.</summary>
    public string Time(NodaTime.Instant instant) => PageTime.Format(instant, calendars.Get(catalogue.CalendarId).Zone);

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public IReadOnlyList<BindingChange> Changes { get; private set; } = [];

    /// <summary>Definitions with a published version (the only ones a binding may name), by name.</summary>
    public IReadOnlyList<StoredDefinition> Published { get; private set; } = [];

    public MatterCatalogue Catalogue => catalogue;

    [BindProperty] public Stage? Stage { get; set; }
    [BindProperty] public string? Matter { get; set; }
    [BindProperty] public ProjectCategory? ProjectKind { get; set; }
    [BindProperty] public string? DefinitionId { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        if (done is not null) Message = Ui.T($"已保存：{done}", $"Saved: {done}");
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Stage is not { } stage)
            return await RefusedAsync(new Dictionary<string, Bilingual[]> { ["stage"] = [new("请选择阶段", "the stage is required")] }, ct);
        var scope = new BindingScope(stage, string.IsNullOrWhiteSpace(Matter) ? null : Matter, ProjectKind);
        try
        {
            await bindings.SetAsync(scope, DefinitionId?.Trim() ?? "", AppClaims.UserNameOf(User) ?? "", ct);
            return Redirect($"/bindings?done={Uri.EscapeDataString(scope.Key)}");
        }
        catch (BindingRefused e)
        {
            return await RefusedAsync(e.Errors, ct);
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(Stage stage, string? matter, ProjectCategory? projectKind, CancellationToken ct)
    {
        var scope = new BindingScope(stage, string.IsNullOrWhiteSpace(matter) ? null : matter, projectKind);
        try
        {
            if (!await bindings.RemoveAsync(scope, AppClaims.UserNameOf(User) ?? "", ct)) return NotFound();
            return Redirect($"/bindings?done={Uri.EscapeDataString(scope.Key)}");
        }
        catch (BindingRefused e)
        {
            return await RefusedAsync(e.Errors, ct);
        }
    }

    private async Task<IActionResult> RefusedAsync(IReadOnlyDictionary<string, Bilingual[]> errors, CancellationToken ct)
    {
        Errors = errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Ui.T(m.Zh, m.En)).ToArray());
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var lines = new List<Line>();
        foreach (var binding in await bindings.ListAsync(ct))
        {
            var (zh, en) = binding.Scope.Describe(catalogue);
            lines.Add(new Line(binding, Ui.T(zh, en), await definitions.FindAsync(binding.DefinitionId, VersionSelector.Published, null, ct)));
        }
        Lines = lines;
        Changes = await bindings.ChangesAsync(50, ct);
        var (latest, _) = await definitions.ListLatestAsync(null, 0, 500, ct);
        var published = new List<StoredDefinition>();
        foreach (var definition in latest)
            if ((definition.IsPublished ? definition : await definitions.FindAsync(definition.DefinitionId, VersionSelector.Published, null, ct)) is { } version)
                published.Add(version);
        Published = published.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>One binding in force, its scope described, and the version new applications start (null: nothing published).</summary>
    public sealed record Line(WorkflowBinding Binding, string Scope, StoredDefinition? Published);
}
